package rdpcheck.probes.rdp.mcs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The RDP version of TS_UD_SC_CORE.version (MS-RDPBCGR 2.2.1.4.2), by name.
 *
 * @param value the raw field, e.g. 0x00080004
 */
public record RdpVersion(int value) {

    static final int RDP_4 = 0x00080001;
    static final int RDP_5_TO_8 = 0x00080004;
    static final int RDP_10_0 = 0x00080005;
    /** The highest RDP 10.x minor the spec names (0x00080011 = 10.12); later ones follow the same pattern. */
    static final int RDP_10_LATEST_KNOWN = 0x00080011;

    /** "RDP 10.7", "RDP 5.x to 8.1" (one value covers them), or the hex for values outside the spec. */
    @JsonProperty("name")
    public String name() {
        if (value == RDP_4) {
            return "RDP 4.0";
        }
        if (value == RDP_5_TO_8) {
            return "RDP 5.x, 6.x, 7.x or 8.x";
        }
        if (value >= RDP_10_0 && value <= RDP_10_LATEST_KNOWN + 0x10) {
            String name = "RDP 10." + (value - RDP_10_0);
            return value > RDP_10_LATEST_KNOWN ? name + " (newer than the spec's table)" : name;
        }
        return String.format("unknown (0x%08x)", value);
    }

    @Override
    public String toString() {
        return name() + String.format(" (0x%08x)", value);
    }
}

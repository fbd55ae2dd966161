package rdpcheck.probes.rdp;

import java.util.ArrayList;
import java.util.List;

/** RDP_NEG_RSP.flags (MS-RDPBCGR 2.2.1.2.1). */
enum ResponseFlag {
    EXTENDED_CLIENT_DATA_SUPPORTED(0x01),
    DYNVC_GFX_PROTOCOL_SUPPORTED(0x02),
    NEGRSP_FLAG_RESERVED(0x04),
    RESTRICTED_ADMIN_MODE_SUPPORTED(0x08),
    REDIRECTED_AUTHENTICATION_MODE_SUPPORTED(0x10);

    private final int bit;

    ResponseFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** Every flag set in {@code flags} by name; unknown bits as hex. */
    public static List<String> namesOf(int flags) {
        List<String> names = new ArrayList<>();
        int known = 0;
        for (ResponseFlag flag : values()) {
            if ((flags & flag.bit) != 0) {
                names.add(flag.name());
            }
            known |= flag.bit;
        }
        if ((flags & ~known) != 0) {
            names.add(String.format("0x%02x", flags & ~known));
        }
        return names;
    }
}

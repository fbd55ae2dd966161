package rdpcheck.probes.rdp.mcs;

import java.util.Optional;

/** Server encryptionLevel (MS-RDPBCGR 2.2.1.4.3, 5.3.1): the RDP-Tcp MinEncryptionLevel setting. */
public enum EncryptionLevel {
    NONE(0, "None"),
    /** Only client-to-server traffic is encrypted, at the client's best strength (40/56-bit for old clients). */
    LOW(1, "Low"),
    CLIENT_COMPATIBLE(2, "Client Compatible"),
    HIGH(3, "High"),
    FIPS(4, "FIPS Compliant");

    private final int value;
    private final String label;

    EncryptionLevel(int value, String label) {
        this.value = value;
        this.label = label;
    }

    public int value() {
        return value;
    }

    /** The name nmap and the Group Policy editor use. */
    public String label() {
        return label;
    }

    public static Optional<EncryptionLevel> of(int value) {
        for (EncryptionLevel level : values()) {
            if (level.value == value) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}

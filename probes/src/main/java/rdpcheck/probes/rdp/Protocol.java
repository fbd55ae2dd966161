package rdpcheck.probes.rdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Security protocols of RDP_NEG_REQ.requestedProtocols / RDP_NEG_RSP.selectedProtocol (MS-RDPBCGR 2.2.1.1.1). */
public enum Protocol {
    /** Standard RDP Security: RC4 with the server's RSA key, no TLS. */
    PROTOCOL_RDP(0x00, "Standard RDP Security"),
    PROTOCOL_SSL(0x01, "TLS"),
    /** CredSSP, i.e. Network Level Authentication. */
    PROTOCOL_HYBRID(0x02, "CredSSP (NLA)"),
    PROTOCOL_RDSTLS(0x04, "RDSTLS"),
    /** CredSSP with the Early User Authorization Result PDU. */
    PROTOCOL_HYBRID_EX(0x08, "CredSSP with early user authorization (HYBRID_EX)"),
    /** RDS AAD authentication (Azure AD / Entra ID joined hosts). */
    PROTOCOL_RDSAAD(0x10, "RDS AAD (Entra ID)");

    private final int bits;
    private final String description;

    Protocol(int bits, String description) {
        this.bits = bits;
        this.description = description;
    }

    public int bits() {
        return bits;
    }

    public String description() {
        return description;
    }

    public static Optional<Protocol> fromSelected(int value) {
        for (Protocol protocol : values()) {
            if (protocol.bits == value) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }

    /** The names of the bits set in a requestedProtocols mask; 0 is PROTOCOL_RDP. */
    public static List<String> namesOf(int mask) {
        List<String> names = new ArrayList<>();
        if (mask == 0) {
            names.add(PROTOCOL_RDP.name());
            return names;
        }
        int known = 0;
        for (Protocol protocol : values()) {
            if (protocol.bits != 0 && (mask & protocol.bits) != 0) {
                names.add(protocol.name());
                known |= protocol.bits;
            }
        }
        if ((mask & ~known) != 0) {
            names.add(String.format("0x%x", mask & ~known));
        }
        return names;
    }

    public static String describeMask(int mask) {
        return String.join("|", namesOf(mask)) + String.format(" (0x%x)", mask);
    }
}

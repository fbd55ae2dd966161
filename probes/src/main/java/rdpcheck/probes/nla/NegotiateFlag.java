package rdpcheck.probes.nla;

import java.util.ArrayList;
import java.util.List;

/** NTLM NegotiateFlags (MS-NLMP 2.2.2.5), by the names the spec gives them. */
public enum NegotiateFlag {
    NTLMSSP_NEGOTIATE_UNICODE(0x00000001),
    NTLM_NEGOTIATE_OEM(0x00000002),
    NTLMSSP_REQUEST_TARGET(0x00000004),
    NTLMSSP_NEGOTIATE_SIGN(0x00000010),
    NTLMSSP_NEGOTIATE_SEAL(0x00000020),
    NTLMSSP_NEGOTIATE_DATAGRAM(0x00000040),
    NTLMSSP_NEGOTIATE_LM_KEY(0x00000080),
    NTLMSSP_NEGOTIATE_NTLM(0x00000200),
    NTLMSSP_ANONYMOUS(0x00000800),
    NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED(0x00001000),
    NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED(0x00002000),
    NTLMSSP_NEGOTIATE_ALWAYS_SIGN(0x00008000),
    NTLMSSP_TARGET_TYPE_DOMAIN(0x00010000),
    NTLMSSP_TARGET_TYPE_SERVER(0x00020000),
    NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY(0x00080000),
    NTLMSSP_NEGOTIATE_IDENTIFY(0x00100000),
    NTLMSSP_REQUEST_NON_NT_SESSION_KEY(0x00400000),
    NTLMSSP_NEGOTIATE_TARGET_INFO(0x00800000),
    NTLMSSP_NEGOTIATE_VERSION(0x02000000),
    NTLMSSP_NEGOTIATE_128(0x20000000),
    NTLMSSP_NEGOTIATE_KEY_EXCH(0x40000000),
    NTLMSSP_NEGOTIATE_56(0x80000000);

    private final int bit;

    NegotiateFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public boolean isSet(int flags) {
        return (flags & bit) != 0;
    }

    public static int maskOf(NegotiateFlag... flags) {
        int mask = 0;
        for (NegotiateFlag flag : flags) {
            mask |= flag.bit;
        }
        return mask;
    }

    /** Every flag set in {@code flags} by name; bits the spec does not name as hex. */
    public static List<String> namesOf(int flags) {
        List<String> names = new ArrayList<>();
        int known = 0;
        for (NegotiateFlag flag : values()) {
            if (flag.isSet(flags)) {
                names.add(flag.name());
            }
            known |= flag.bit;
        }
        if ((flags & ~known) != 0) {
            names.add(String.format("0x%08x", flags & ~known));
        }
        return names;
    }
}

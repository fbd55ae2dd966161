package rdpcheck.probes.nla;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * NTLM NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1): the client's first token. It names no domain or
 * workstation: the probe only wants the server's CHALLENGE.
 *
 * <pre>
 * Signature(8)="NTLMSSP\0" MessageType(4 LE)=1 NegotiateFlags(4 LE)
 * DomainNameFields(8) WorkstationFields(8)       each Len(2) MaxLen(2) BufferOffset(4), all zero here
 * Version(8)                                     present when NTLMSSP_NEGOTIATE_VERSION is set
 * </pre>
 */
public record NtlmNegotiateMessage(int negotiateFlags, NtlmVersion version) {

    static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    static final int MESSAGE_TYPE = 1;
    static final int OFFSET_TYPE = 8;
    static final int OFFSET_FLAGS = 12;
    static final int OFFSET_DOMAIN_FIELDS = 16;
    static final int OFFSET_WORKSTATION_FIELDS = 24;
    static final int OFFSET_VERSION = 32;
    static final int LENGTH = 40;

    /** What Windows' own client asks for (MS-NLMP 3.1.5.1.1) when it wants NTLMv2 with a target info. */
    public static final int CLIENT_FLAGS = NegotiateFlag.maskOf(
            NegotiateFlag.NTLMSSP_NEGOTIATE_UNICODE,
            NegotiateFlag.NTLMSSP_REQUEST_TARGET,
            NegotiateFlag.NTLMSSP_NEGOTIATE_NTLM,
            NegotiateFlag.NTLMSSP_NEGOTIATE_ALWAYS_SIGN,
            NegotiateFlag.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
            NegotiateFlag.NTLMSSP_NEGOTIATE_TARGET_INFO,
            NegotiateFlag.NTLMSSP_NEGOTIATE_VERSION,
            NegotiateFlag.NTLMSSP_NEGOTIATE_128,
            NegotiateFlag.NTLMSSP_NEGOTIATE_KEY_EXCH,
            NegotiateFlag.NTLMSSP_NEGOTIATE_56);

    /** The VERSION we send: informational only (MS-NLMP 2.2.2.10), Windows 10 / Server 2022 shaped. */
    public static final NtlmVersion CLIENT_VERSION = new NtlmVersion(10, 0, 20348, NtlmVersion.NTLMSSP_REVISION_W2K3);

    public static NtlmNegotiateMessage standard() {
        return new NtlmNegotiateMessage(CLIENT_FLAGS, CLIENT_VERSION);
    }

    public byte[] encode() {
        byte[] message = new byte[LENGTH];
        System.arraycopy(SIGNATURE, 0, message, 0, SIGNATURE.length);
        Bytes.putIntLE(message, OFFSET_TYPE, MESSAGE_TYPE);
        Bytes.putIntLE(message, OFFSET_FLAGS, negotiateFlags);
        // Domain and workstation fields stay zero: no name is supplied, and their offsets may be 0 then.
        version.encodeInto(message, OFFSET_VERSION);
        return message;
    }

    /** Server side, for the lab hosts. */
    public static NtlmNegotiateMessage decode(byte[] message) throws MalformedPduException {
        Bytes.require(message.length >= OFFSET_VERSION, "NEGOTIATE_MESSAGE of " + message.length + " bytes is shorter than 32");
        Bytes.require(Arrays.equals(message, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length),
                "the token does not start with the NTLMSSP signature");
        int type = Bytes.intLE(message, OFFSET_TYPE);
        Bytes.require(type == MESSAGE_TYPE, "NTLM message type " + type + " is not NEGOTIATE (1)");
        int flags = Bytes.intLE(message, OFFSET_FLAGS);
        NtlmVersion version = NegotiateFlag.NTLMSSP_NEGOTIATE_VERSION.isSet(flags) && message.length >= LENGTH
                ? NtlmVersion.decode(message, OFFSET_VERSION) : new NtlmVersion(0, 0, 0, 0);
        return new NtlmNegotiateMessage(flags, version);
    }
}

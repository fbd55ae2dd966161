package rdpcheck.probes.nla;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * NTLM CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2): the server's answer to a NEGOTIATE, sent before any
 * credential, naming the machine and its domain and carrying its clock and Windows version.
 *
 * <pre>
 *  0 Signature(8)="NTLMSSP\0"   8 MessageType(4 LE)=2
 * 12 TargetNameFields(8)       Len(2) MaxLen(2) BufferOffset(4), offsets from the message start
 * 20 NegotiateFlags(4 LE)     24 ServerChallenge(8)   32 Reserved(8)
 * 40 TargetInfoFields(8)      48 Version(8) when NTLMSSP_NEGOTIATE_VERSION is set
 * 56 Payload: TargetName (UTF-16LE with NTLMSSP_NEGOTIATE_UNICODE, else OEM), TargetInfo AV_PAIRs
 * </pre>
 *
 * @param targetName the server's domain or computer name (NTLMSSP_TARGET_TYPE_* says which)
 * @param problems   what was wrong with the message but did not stop its decoding
 */
public record NtlmChallengeMessage(
        Optional<String> targetName,
        int negotiateFlags,
        TargetInfo targetInfo,
        Optional<NtlmVersion> version,
        List<String> problems) {

    static final int MESSAGE_TYPE = 2;
    static final int OFFSET_TYPE = 8;
    static final int OFFSET_TARGET_NAME_FIELDS = 12;
    static final int OFFSET_FLAGS = 20;
    static final int OFFSET_SERVER_CHALLENGE = 24;
    static final int SERVER_CHALLENGE_LENGTH = 8;
    static final int OFFSET_TARGET_INFO_FIELDS = 40;
    static final int OFFSET_VERSION = 48;
    static final int OFFSET_PAYLOAD = 56;
    /** The oldest CHALLENGE (NTLMv1, no TargetInfo) ends after ServerChallenge and Reserved. */
    static final int MIN_LENGTH = 32;
    static final int FIELD_LEN = 0;
    static final int FIELD_OFFSET = 4;

    public NtlmChallengeMessage {
        problems = List.copyOf(problems);
    }

    public List<String> flagNames() {
        return NegotiateFlag.namesOf(negotiateFlags);
    }

    /**
     * Decodes a CHALLENGE from a negoToken. Windows answers a raw NTLM NEGOTIATE with a raw
     * CHALLENGE; a token that wraps it (SPNEGO negTokenResp) is searched for the signature.
     */
    public static NtlmChallengeMessage decodeToken(byte[] token) throws MalformedPduException {
        int start = indexOf(token, NtlmNegotiateMessage.SIGNATURE);
        Bytes.require(start >= 0, "the negoToken holds no NTLMSSP message (" + Bytes.hexPreview(token, 16) + ")");
        return decode(Arrays.copyOfRange(token, start, token.length));
    }

    public static NtlmChallengeMessage decode(byte[] message) throws MalformedPduException {
        Bytes.require(message.length >= MIN_LENGTH,
                "CHALLENGE_MESSAGE of " + message.length + " bytes is shorter than the 32 of its fixed fields");
        Bytes.require(Arrays.equals(message, 0, 8, NtlmNegotiateMessage.SIGNATURE, 0, 8),
                "the token does not start with the NTLMSSP signature");
        int type = Bytes.intLE(message, OFFSET_TYPE);
        Bytes.require(type == MESSAGE_TYPE, "NTLM message type " + type + " is not CHALLENGE (2)");
        int flags = Bytes.intLE(message, OFFSET_FLAGS);
        List<String> problems = new ArrayList<>();

        Optional<String> targetName = Optional.empty();
        Optional<int[]> nameField = field(message, OFFSET_TARGET_NAME_FIELDS, "TargetName", problems);
        if (nameField.isPresent() && nameField.get()[1] > 0) {
            int at = nameField.get()[0];
            int length = nameField.get()[1];
            targetName = Optional.of(NegotiateFlag.NTLMSSP_NEGOTIATE_UNICODE.isSet(flags)
                    ? new String(message, at, length - length % 2, StandardCharsets.UTF_16LE)
                    : new String(message, at, length, StandardCharsets.ISO_8859_1));
        }

        TargetInfo info = TargetInfo.empty();
        if (message.length >= OFFSET_TARGET_INFO_FIELDS + 8) {
            Optional<int[]> infoField = field(message, OFFSET_TARGET_INFO_FIELDS, "TargetInfo", problems);
            if (infoField.isPresent() && infoField.get()[1] > 0) {
                info = TargetInfo.decode(message, infoField.get()[0], infoField.get()[1]);
            }
        } else if (NegotiateFlag.NTLMSSP_NEGOTIATE_TARGET_INFO.isSet(flags)) {
            problems.add("NTLMSSP_NEGOTIATE_TARGET_INFO is set but the message ends before TargetInfoFields");
        }

        Optional<NtlmVersion> version = Optional.empty();
        if (NegotiateFlag.NTLMSSP_NEGOTIATE_VERSION.isSet(flags)) {
            if (message.length >= OFFSET_VERSION + NtlmVersion.LENGTH) {
                version = Optional.of(NtlmVersion.decode(message, OFFSET_VERSION));
            } else {
                problems.add("NTLMSSP_NEGOTIATE_VERSION is set but the message ends before the VERSION");
            }
        }
        return new NtlmChallengeMessage(targetName, flags, info, version, problems);
    }

    /** {offset, length} of a Len/MaxLen/BufferOffset field, or empty (with a problem) when it points outside. */
    private static Optional<int[]> field(byte[] message, int at, String name, List<String> problems) {
        int length = Bytes.shortLE(message, at + FIELD_LEN);
        long offset = Bytes.intLE(message, at + FIELD_OFFSET) & 0xffffffffL;
        if (length == 0) {
            return Optional.of(new int[] {0, 0});
        }
        if (offset + length > message.length) {
            problems.add(name + " of " + length + " bytes at offset " + offset + " lies past the end of the "
                    + message.length + "-byte message");
            return Optional.empty();
        }
        return Optional.of(new int[] {(int) offset, length});
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Server side, for the lab hosts: a CHALLENGE laid out as Windows does (name, then TargetInfo). */
    public byte[] encode(byte[] serverChallenge) {
        byte[] name = targetName.map(n -> n.getBytes(NegotiateFlag.NTLMSSP_NEGOTIATE_UNICODE.isSet(negotiateFlags)
                ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1)).orElse(new byte[0]);
        byte[] info = targetInfo.encode();
        byte[] message = new byte[OFFSET_PAYLOAD + name.length + info.length];
        System.arraycopy(NtlmNegotiateMessage.SIGNATURE, 0, message, 0, 8);
        Bytes.putIntLE(message, OFFSET_TYPE, MESSAGE_TYPE);
        Bytes.putShortLE(message, OFFSET_TARGET_NAME_FIELDS, name.length);
        Bytes.putShortLE(message, OFFSET_TARGET_NAME_FIELDS + 2, name.length);
        Bytes.putIntLE(message, OFFSET_TARGET_NAME_FIELDS + FIELD_OFFSET, OFFSET_PAYLOAD);
        Bytes.putIntLE(message, OFFSET_FLAGS, negotiateFlags);
        System.arraycopy(serverChallenge, 0, message, OFFSET_SERVER_CHALLENGE, SERVER_CHALLENGE_LENGTH);
        Bytes.putShortLE(message, OFFSET_TARGET_INFO_FIELDS, info.length);
        Bytes.putShortLE(message, OFFSET_TARGET_INFO_FIELDS + 2, info.length);
        Bytes.putIntLE(message, OFFSET_TARGET_INFO_FIELDS + FIELD_OFFSET, OFFSET_PAYLOAD + name.length);
        version.ifPresent(v -> v.encodeInto(message, OFFSET_VERSION));
        System.arraycopy(name, 0, message, OFFSET_PAYLOAD, name.length);
        System.arraycopy(info, 0, message, OFFSET_PAYLOAD + name.length, info.length);
        return message;
    }
}

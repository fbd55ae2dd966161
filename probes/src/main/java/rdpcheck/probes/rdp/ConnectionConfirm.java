package rdpcheck.probes.rdp;

/**
 * Server X.224 Connection Confirm PDU (MS-RDPBCGR 2.2.1.2): decoding for the probes, encoding
 * for the lab hosts.
 *
 * <pre>
 * TPKT(4) | LI(1) CC_CDT(1)=0xD0 DST-REF(2) SRC-REF(2) CLASS(1) | [RDP_NEG_RSP or RDP_NEG_FAILURE (8)]
 * RDP_NEG_RSP     = type(1)=0x02 flags(1) length(2 LE)=8 selectedProtocol(4 LE)
 * RDP_NEG_FAILURE = type(1)=0x03 flags(1) length(2 LE)=8 failureCode(4 LE)
 * </pre>
 */
public final class ConnectionConfirm {

    static final int X224_FIXED_LENGTH = 7;
    static final int OFFSET_LI = Tpkt.HEADER_LENGTH;
    static final int OFFSET_CODE = Tpkt.HEADER_LENGTH + 1;
    static final int OFFSET_NEG = Tpkt.HEADER_LENGTH + X224_FIXED_LENGTH;
    static final int X224_TPDU_CONNECTION_CONFIRM = 0xD0;
    static final int X224_TPDU_DISCONNECT_REQUEST = 0x80;
    static final int X224_TPDU_DATA = 0xF0;
    /** X.224 Data TPDU header: LI(1)=2, code(1)=0xF0, EOT(1)=0x80. */
    static final int X224_DATA_HEADER_LENGTH = 3;
    /** T.125 DomainMCSPDU choice 8 (disconnectProviderUltimatum), PER-encoded in the top 6 bits. */
    static final int MCS_DISCONNECT_PROVIDER_ULTIMATUM = 8;
    static final String[] MCS_REASONS = {"rn-domain-disconnected", "rn-provider-initiated", "rn-token-purged",
        "rn-user-requested", "rn-channel-purged"};
    static final int TYPE_RDP_NEG_RSP = 0x02;
    static final int TYPE_RDP_NEG_FAILURE = 0x03;
    static final int NEG_LENGTH = 8;

    private ConnectionConfirm() {
    }

    /** Decodes one whole TPKT (as read by {@link Tpkt#read}) into the server's answer. */
    public static NegotiationReply decode(byte[] packet) throws MalformedPduException {
        Bytes.require(packet.length >= Tpkt.HEADER_LENGTH + X224_DATA_HEADER_LENGTH, "TPKT too short for any X.224 TPDU");
        Bytes.require(Tpkt.length(packet) == packet.length, "TPKT length does not match the bytes given");
        if ((packet[OFFSET_CODE] & 0xff) == X224_TPDU_DATA) {
            return decodeData(packet);
        }
        Bytes.require(packet.length >= Tpkt.HEADER_LENGTH + X224_FIXED_LENGTH,
                "X.224 TPDU of " + (packet.length - Tpkt.HEADER_LENGTH) + " bytes is shorter than the 7 of a Connection Confirm");
        int code = packet[OFFSET_CODE] & 0xf0;
        if (code == X224_TPDU_DISCONNECT_REQUEST) {
            return new NegotiationReply.Disconnected("X.224 Disconnect Request");
        }
        Bytes.require(code == X224_TPDU_CONNECTION_CONFIRM,
                String.format("X.224 TPDU code 0x%02x is not a Connection Confirm (0xd0)", packet[OFFSET_CODE] & 0xff));
        int li = packet[OFFSET_LI] & 0xff;
        Bytes.require(li + 1 + Tpkt.HEADER_LENGTH == packet.length,
                "X.224 length indicator " + li + " does not match the TPKT length " + packet.length);
        int negBytes = packet.length - OFFSET_NEG;
        if (negBytes == 0) {
            return new NegotiationReply.NoNegotiationData();
        }
        Bytes.require(negBytes >= NEG_LENGTH, "negotiation data of " + negBytes + " bytes is shorter than 8");
        int type = packet[OFFSET_NEG] & 0xff;
        int flags = packet[OFFSET_NEG + 1] & 0xff;
        int length = Bytes.shortLE(packet, OFFSET_NEG + 2);
        Bytes.require(length == NEG_LENGTH, "negotiation data announces length " + length + ", not 8");
        int value = Bytes.intLE(packet, OFFSET_NEG + 4);
        return switch (type) {
            case TYPE_RDP_NEG_RSP -> new NegotiationReply.Selected(value, flags);
            case TYPE_RDP_NEG_FAILURE -> new NegotiationReply.Refused(value);
            default -> throw new MalformedPduException(String.format("negotiation data type 0x%02x is neither RDP_NEG_RSP nor RDP_NEG_FAILURE", type));
        };
    }

    /**
     * Some servers (xrdp for RDSAAD, for one) answer a request they cannot serve with data instead
     * of a confirm: an MCS Disconnect Provider Ultimatum. That is a refusal, not garbage.
     */
    private static NegotiationReply decodeData(byte[] packet) throws MalformedPduException {
        int at = Tpkt.HEADER_LENGTH + X224_DATA_HEADER_LENGTH;
        Bytes.require(packet.length >= at + 2, "X.224 Data TPDU without an MCS PDU where a Connection Confirm belongs");
        int first = packet[at] & 0xff;
        Bytes.require(first >> 2 == MCS_DISCONNECT_PROVIDER_ULTIMATUM, String.format(
                "X.224 Data TPDU (MCS PDU 0x%02x) where a Connection Confirm belongs", first));
        // PER: a 6-bit CHOICE index, then Reason (ENUMERATED 0..4) in 3 bits: the first byte's low two, the next's top one
        int reason = ((first & 0x03) << 1) | ((packet[at + 1] & 0x80) >> 7);
        return new NegotiationReply.Disconnected("MCS Disconnect Provider Ultimatum, reason "
                + (reason < MCS_REASONS.length ? MCS_REASONS[reason] : "out of range (" + reason + ")"));
    }

    public static byte[] encodeSelected(int selectedProtocol, int flags) {
        return encode(TYPE_RDP_NEG_RSP, flags, selectedProtocol);
    }

    public static byte[] encodeFailure(int failureCode) {
        return encode(TYPE_RDP_NEG_FAILURE, 0, failureCode);
    }

    /** A confirm without negotiation data, as pre-Vista servers send. */
    public static byte[] encodeLegacy() {
        byte[] tpdu = new byte[X224_FIXED_LENGTH];
        tpdu[0] = (byte) (tpdu.length - 1);
        tpdu[1] = (byte) X224_TPDU_CONNECTION_CONFIRM;
        return Tpkt.wrap(tpdu);
    }

    private static byte[] encode(int type, int flags, int value) {
        byte[] tpdu = new byte[X224_FIXED_LENGTH + NEG_LENGTH];
        tpdu[0] = (byte) (tpdu.length - 1);
        tpdu[1] = (byte) X224_TPDU_CONNECTION_CONFIRM;
        tpdu[X224_FIXED_LENGTH] = (byte) type;
        tpdu[X224_FIXED_LENGTH + 1] = (byte) flags;
        Bytes.putShortLE(tpdu, X224_FIXED_LENGTH + 2, NEG_LENGTH);
        Bytes.putIntLE(tpdu, X224_FIXED_LENGTH + 4, value);
        return Tpkt.wrap(tpdu);
    }
}

package rdpcheck.probes.gateway;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * One DTLS handshake message (RFC 6347 4.2.2), the fragment of a handshake record. Only whole,
 * unfragmented messages are decoded: the first answers to a ClientHello (HelloVerifyRequest,
 * ServerHello) fit in one datagram.
 *
 * <pre>
 *  0 msg_type(1)   1 length(3)   4 message_seq(2)   6 fragment_offset(3)   9 fragment_length(3)   12 body
 * </pre>
 */
public record DtlsHandshake(int type, int messageSeq, byte[] body) {

    static final int OFFSET_TYPE = 0;
    static final int OFFSET_LENGTH = 1;
    static final int OFFSET_MESSAGE_SEQ = 4;
    static final int OFFSET_FRAGMENT_OFFSET = 6;
    static final int OFFSET_FRAGMENT_LENGTH = 9;
    public static final int HEADER_LENGTH = 12;

    public static final int CLIENT_HELLO = 1;
    public static final int SERVER_HELLO = 2;
    public static final int HELLO_VERIFY_REQUEST = 3;

    public DtlsHandshake {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The first handshake message of a record's fragment. */
    public static DtlsHandshake decode(byte[] fragment) throws MalformedPduException {
        Bytes.require(fragment.length >= HEADER_LENGTH,
                "a handshake fragment of " + fragment.length + " bytes is shorter than the 12 of its header");
        int type = fragment[OFFSET_TYPE] & 0xff;
        int length = DtlsRecord.u24(fragment, OFFSET_LENGTH);
        int messageSeq = DtlsRecord.u16(fragment, OFFSET_MESSAGE_SEQ);
        int offset = DtlsRecord.u24(fragment, OFFSET_FRAGMENT_OFFSET);
        int fragmentLength = DtlsRecord.u24(fragment, OFFSET_FRAGMENT_LENGTH);
        Bytes.require(offset == 0 && fragmentLength == length, "handshake message " + type + " is fragmented (offset " + offset
                + ", " + fragmentLength + " of " + length + " bytes)");
        Bytes.require(fragment.length - HEADER_LENGTH >= length, "handshake message " + type + " says " + length
                + " bytes, the record holds " + (fragment.length - HEADER_LENGTH));
        return new DtlsHandshake(type, messageSeq, java.util.Arrays.copyOfRange(fragment, HEADER_LENGTH, HEADER_LENGTH + length));
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER_LENGTH + body.length];
        out[OFFSET_TYPE] = (byte) type;
        DtlsRecord.putU24(out, OFFSET_LENGTH, body.length);
        DtlsRecord.putU16(out, OFFSET_MESSAGE_SEQ, messageSeq);
        DtlsRecord.putU24(out, OFFSET_FRAGMENT_OFFSET, 0);
        DtlsRecord.putU24(out, OFFSET_FRAGMENT_LENGTH, body.length);
        System.arraycopy(body, 0, out, HEADER_LENGTH, body.length);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DtlsHandshake h && h.type == type && h.messageSeq == messageSeq
                && java.util.Arrays.equals(h.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + messageSeq) + java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "DtlsHandshake[type " + type + ", seq " + messageSeq + ", " + body.length + " bytes]";
    }
}

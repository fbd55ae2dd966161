package rdpcheck.probes.udp;

import java.nio.ByteBuffer;

import rdpcheck.probes.rdp.MalformedPduException;

/**
 * RDPUDP_FEC_HEADER (MS-RDPEUDP 2.2.2.1), the 8 bytes in front of every RDP-UDP datagram, in
 * network byte order.
 *
 * @param sourceAck     snSourceAck: the highest sequence number seen from the peer; -1 (all ones) in a SYN
 * @param receiveWindow uReceiveWindowSize: datagrams the sender can buffer
 * @param flags         uFlags: {@code FLAG_*}
 */
public record FecHeader(long sourceAck, int receiveWindow, int flags) {

    /** snSourceAck: 4 bytes at offset 0. */
    static final int SOURCE_ACK_OFFSET = 0;
    /** uReceiveWindowSize: 2 bytes at offset 4. */
    static final int RECEIVE_WINDOW_OFFSET = 4;
    /** uFlags: 2 bytes at offset 6. */
    static final int FLAGS_OFFSET = 6;
    public static final int LENGTH = 8;

    /** snSourceAck of a SYN: -1 as an unsigned 32-bit number. */
    public static final long NO_ACK = 0xFFFF_FFFFL;

    public static final int FLAG_SYN = 0x0001;
    public static final int FLAG_FIN = 0x0002;
    public static final int FLAG_ACK = 0x0004;
    public static final int FLAG_DATA = 0x0008;
    public static final int FLAG_FEC = 0x0010;
    public static final int FLAG_CN = 0x0020;
    public static final int FLAG_CWR = 0x0040;
    public static final int FLAG_ACK_OF_ACKS = 0x0100;
    /** The client asks for the lossy mode (RDP-UDP-L): no retransmission of lost datagrams. */
    public static final int FLAG_SYNLOSSY = 0x0200;
    public static final int FLAG_ACKDELAYED = 0x0400;
    /** An RDPUDP_CORRELATION_ID_PAYLOAD follows the RDPUDP_SYNDATA_PAYLOAD. */
    public static final int FLAG_CORRELATION_ID = 0x0800;
    /** An RDPUDP_SYNDATAEX_PAYLOAD follows. */
    public static final int FLAG_SYNEX = 0x1000;

    public FecHeader {
        if (sourceAck < 0 || sourceAck > NO_ACK) {
            throw new IllegalArgumentException("snSourceAck is an unsigned 32-bit number, not " + sourceAck);
        }
        if (receiveWindow < 0 || receiveWindow > 0xFFFF || flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("uReceiveWindowSize and uFlags are unsigned 16-bit numbers");
        }
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    static FecHeader read(ByteBuffer in) throws MalformedPduException {
        Bounds.need(in, LENGTH, "RDPUDP_FEC_HEADER");
        int start = in.position();
        long ack = Integer.toUnsignedLong(in.getInt(start + SOURCE_ACK_OFFSET));
        int window = Short.toUnsignedInt(in.getShort(start + RECEIVE_WINDOW_OFFSET));
        int flags = Short.toUnsignedInt(in.getShort(start + FLAGS_OFFSET));
        in.position(start + LENGTH);
        return new FecHeader(ack, window, flags);
    }

    void write(ByteBuffer out) {
        out.putInt((int) sourceAck).putShort((short) receiveWindow).putShort((short) flags);
    }
}

package rdpcheck.probes.udp;

import java.nio.ByteBuffer;

import rdpcheck.probes.rdp.MalformedPduException;

/**
 * RDPUDP_SYNDATA_PAYLOAD (MS-RDPEUDP 2.2.2.5): what a SYN and a SYN+ACK set up.
 *
 * @param initialSequenceNumber snInitialSequenceNumber, unsigned 32-bit
 * @param upstreamMtu           uUpStreamMtu: the largest datagram the sender will send
 * @param downstreamMtu         uDownStreamMtu: the largest datagram the sender accepts
 */
public record SynData(long initialSequenceNumber, int upstreamMtu, int downstreamMtu) {

    /** snInitialSequenceNumber: 4 bytes at offset 0. */
    static final int SEQUENCE_OFFSET = 0;
    /** uUpStreamMtu: 2 bytes at offset 4. */
    static final int UPSTREAM_MTU_OFFSET = 4;
    /** uDownStreamMtu: 2 bytes at offset 6. */
    static final int DOWNSTREAM_MTU_OFFSET = 6;
    public static final int LENGTH = 8;

    /** Both MTUs MUST lie in 1132..1232 (2.2.2.5). */
    public static final int MIN_MTU = 1132;
    public static final int MAX_MTU = 1232;

    public SynData {
        if (initialSequenceNumber < 0 || initialSequenceNumber > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("snInitialSequenceNumber is an unsigned 32-bit number");
        }
        if (upstreamMtu < 0 || upstreamMtu > 0xFFFF || downstreamMtu < 0 || downstreamMtu > 0xFFFF) {
            throw new IllegalArgumentException("the MTUs are unsigned 16-bit numbers");
        }
    }

    /** Reads the payload and refuses MTUs outside what the specification allows. */
    static SynData read(ByteBuffer in) throws MalformedPduException {
        Bounds.need(in, LENGTH, "RDPUDP_SYNDATA_PAYLOAD");
        int start = in.position();
        SynData data = new SynData(Integer.toUnsignedLong(in.getInt(start + SEQUENCE_OFFSET)),
                Short.toUnsignedInt(in.getShort(start + UPSTREAM_MTU_OFFSET)),
                Short.toUnsignedInt(in.getShort(start + DOWNSTREAM_MTU_OFFSET)));
        in.position(start + LENGTH);
        mtu("uUpStreamMtu", data.upstreamMtu);
        mtu("uDownStreamMtu", data.downstreamMtu);
        return data;
    }

    private static void mtu(String field, int value) throws MalformedPduException {
        if (value < MIN_MTU || value > MAX_MTU) {
            throw new MalformedPduException(field + " is " + value + ", outside the " + MIN_MTU + "-" + MAX_MTU
                    + " bytes MS-RDPEUDP allows");
        }
    }

    void write(ByteBuffer out) {
        out.putInt((int) initialSequenceNumber).putShort((short) upstreamMtu).putShort((short) downstreamMtu);
    }
}

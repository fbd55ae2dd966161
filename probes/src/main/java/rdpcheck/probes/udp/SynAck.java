package rdpcheck.probes.udp;

import java.nio.ByteBuffer;
import java.util.Optional;

import rdpcheck.probes.rdp.MalformedPduException;

/**
 * The server's SYN+ACK (MS-RDPEUDP 3.1.5.1.3): a SYN whose RDPUDP_FEC_HEADER has RDPUDP_FLAG_ACK
 * too and acknowledges the client's initial sequence number, with the server's MTUs (2.2.2.5) and,
 * when the client's SYN had one, RDPUDP_SYNDATAEX_PAYLOAD with the version both sides use (2.2.2.9).
 *
 * @param header   the FEC header: snSourceAck is the client's initial sequence number
 * @param data     the server's own sequence number and MTUs
 * @param extended the version chosen, when present
 * @param length   the datagram's length
 */
public record SynAck(FecHeader header, SynData data, Optional<SynDataEx> extended, int length) {

    /** No SYN+ACK is longer than the largest MTU. */
    public static final int MAX_LENGTH = SynData.MAX_MTU;
    /** The fixed part: FEC header and SYNDATA. */
    public static final int MIN_LENGTH = FecHeader.LENGTH + SynData.LENGTH;

    /** The server's answer to {@code syn}, offering {@code chosen} (none: a server without RDPUDP_SYNDATAEX_PAYLOAD). */
    public static SynAck answering(Syn syn, long sequence, int receiveWindow, int mtu, Optional<UdpVersion> chosen) {
        int flags = FecHeader.FLAG_SYN | FecHeader.FLAG_ACK | (chosen.isPresent() ? FecHeader.FLAG_SYNEX : 0);
        return new SynAck(new FecHeader(syn.initialSequenceNumber(), receiveWindow, flags), new SynData(sequence, mtu, mtu),
                chosen.map(SynDataEx::offering), Syn.PADDED_LENGTH);
    }

    /** The client sequence number this SYN+ACK acknowledges. */
    public long acknowledged() {
        return header.sourceAck();
    }

    /**
     * The version both sides use: the one named, version 1 when the server names none (2.2.2.9);
     * empty when it names a version this rdpcheck does not know (see {@link #versionCode()}).
     */
    public Optional<UdpVersion> version() {
        if (extended.isEmpty() || (extended.get().flags() & SynDataEx.FLAG_VERSION_INFO_VALID) == 0) {
            return Optional.of(UdpVersion.V1);
        }
        return extended.get().version();
    }

    /** uUdpVer as the server sent it, when it sent one. */
    public Optional<Integer> versionCode() {
        return extended.filter(ex -> (ex.flags() & SynDataEx.FLAG_VERSION_INFO_VALID) != 0).map(SynDataEx::versionCode);
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(Math.max(length, MIN_LENGTH + (extended.isPresent() ? SynDataEx.LENGTH : 0)));
        header.write(out);
        data.write(out);
        extended.ifPresent(ex -> ex.write(out));
        return out.array();
    }

    /**
     * Decodes a datagram the server sent in answer to a SYN; refuses anything that is not a
     * well-formed SYN+ACK (the probe then reports what came instead).
     */
    public static SynAck decode(byte[] datagram) throws MalformedPduException {
        if (datagram.length > MAX_LENGTH) {
            throw new MalformedPduException("a " + datagram.length + "-byte datagram is longer than any SYN+ACK ("
                    + MAX_LENGTH + " bytes at most)");
        }
        ByteBuffer in = ByteBuffer.wrap(datagram);
        FecHeader header = FecHeader.read(in);
        if (!header.has(FecHeader.FLAG_SYN | FecHeader.FLAG_ACK)) {
            throw new MalformedPduException(String.format("uFlags 0x%04x: not a SYN+ACK (SYN and ACK set)", header.flags()));
        }
        SynData data = SynData.read(in);
        if (header.has(FecHeader.FLAG_CORRELATION_ID)) {
            Bounds.need(in, Syn.CORRELATION_ID_LENGTH, "RDPUDP_CORRELATION_ID_PAYLOAD");
            in.position(in.position() + Syn.CORRELATION_ID_LENGTH);
        }
        Optional<SynDataEx> extended = header.has(FecHeader.FLAG_SYNEX) ? Optional.of(SynDataEx.read(in)) : Optional.empty();
        return new SynAck(header, data, extended, datagram.length);
    }
}

package rdpcheck.probes.udp;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import rdpcheck.probes.rdp.MalformedPduException;

/**
 * The SYN datagram a client opens RDP-UDP with (MS-RDPEUDP 3.1.5.1.1): RDPUDP_FEC_HEADER with
 * snSourceAck -1 and RDPUDP_FLAG_SYN, RDPUDP_SYNDATA_PAYLOAD with a random initial sequence
 * number and the MTUs, optionally RDPUDP_CORRELATION_ID_PAYLOAD and RDPUDP_SYNDATAEX_PAYLOAD
 * (with the cookie hash when it offers version 3), then zeros up to {@value #PADDED_LENGTH} bytes.
 * The padding is what keeps RDP-UDP from being an amplifier: the server's SYN+ACK is no larger.
 *
 * @param header     the FEC header
 * @param data       sequence number and MTUs
 * @param extended   the version offered, when the SYN carries RDPUDP_SYNDATAEX_PAYLOAD
 * @param cookieHash the cookie hash in hex, present exactly when version 3 is offered
 * @param length     the datagram's length
 */
public record Syn(FecHeader header, SynData data, Optional<SynDataEx> extended, Optional<String> cookieHash, int length) {

    /** A SYN is zero-padded to this many bytes, the largest MTU. */
    public static final int PADDED_LENGTH = SynData.MAX_MTU;
    /** RDPUDP_CORRELATION_ID_PAYLOAD: uCorrelationId (16 bytes) and uReserved (16 bytes). */
    public static final int CORRELATION_ID_LENGTH = 32;
    /** The receive window rdpcheck announces: it never receives data, any small number of datagrams is true. */
    public static final int RECEIVE_WINDOW = 64;
    /** A security cookie of the Initiate Multitransport Request PDU (MS-RDPBCGR 2.2.15.1) is 16 bytes. */
    static final int SECURITY_COOKIE_LENGTH = 16;

    public Syn {
        if (cookieHash.isPresent() != extended.flatMap(SynDataEx::version).filter(v -> v == UdpVersion.V3).isPresent()) {
            throw new IllegalArgumentException("a SYN carries the cookie hash exactly when it offers version 3");
        }
    }

    /**
     * A SYN as a client sends it, offering {@code highest} and both MTUs at the maximum. Version 3 needs
     * the hash of a cookie the server gave the client over TCP; rdpcheck holds no RDP session, so it
     * sends the hash of a fresh random cookie: well-formed, and tied to nothing.
     */
    public static Syn offering(UdpVersion highest, SecureRandom random) {
        long sequence = Integer.toUnsignedLong(random.nextInt());
        Optional<String> hash = Optional.empty();
        if (highest == UdpVersion.V3) {
            byte[] cookie = new byte[SECURITY_COOKIE_LENGTH];
            random.nextBytes(cookie);
            hash = Optional.of(HexFormat.of().formatHex(sha256(cookie)));
        }
        return new Syn(new FecHeader(FecHeader.NO_ACK, RECEIVE_WINDOW, FecHeader.FLAG_SYN | FecHeader.FLAG_SYNEX),
                new SynData(sequence, SynData.MAX_MTU, SynData.MAX_MTU), Optional.of(SynDataEx.offering(highest)), hash,
                PADDED_LENGTH);
    }

    public long initialSequenceNumber() {
        return data.initialSequenceNumber();
    }

    /** The highest version offered: version 1 when the SYN names none (2.2.2.9). */
    public Optional<UdpVersion> offered() {
        return extended.isEmpty() ? Optional.of(UdpVersion.V1) : extended.get().version();
    }

    /** The datagram: the structures in order, zero-padded to {@link #length()}. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(length);
        header.write(out);
        data.write(out);
        if (header.has(FecHeader.FLAG_CORRELATION_ID)) {
            out.position(out.position() + CORRELATION_ID_LENGTH);
        }
        extended.ifPresent(ex -> ex.write(out));
        cookieHash.ifPresent(hash -> out.put(HexFormat.of().parseHex(hash)));
        return out.array();
    }

    /** A client's SYN as a server reads it (the lab's RDP-UDP listener). */
    public static Syn decode(byte[] datagram) throws MalformedPduException {
        ByteBuffer in = ByteBuffer.wrap(datagram);
        FecHeader header = FecHeader.read(in);
        if (!header.has(FecHeader.FLAG_SYN) || header.has(FecHeader.FLAG_ACK)) {
            throw new MalformedPduException(String.format("uFlags 0x%04x: not a SYN (SYN set, ACK clear)", header.flags()));
        }
        if (header.sourceAck() != FecHeader.NO_ACK) {
            throw new MalformedPduException("a SYN's snSourceAck is -1, not " + header.sourceAck());
        }
        SynData data = SynData.read(in);
        if (header.has(FecHeader.FLAG_CORRELATION_ID)) {
            Bounds.need(in, CORRELATION_ID_LENGTH, "RDPUDP_CORRELATION_ID_PAYLOAD");
            in.position(in.position() + CORRELATION_ID_LENGTH);
        }
        Optional<SynDataEx> extended = Optional.empty();
        Optional<String> hash = Optional.empty();
        if (header.has(FecHeader.FLAG_SYNEX)) {
            SynDataEx ex = SynDataEx.read(in);
            extended = Optional.of(ex);
            if (ex.version().filter(v -> v == UdpVersion.V3).isPresent()) {
                Bounds.need(in, SynDataEx.COOKIE_HASH_LENGTH, "cookieHash");
                byte[] bytes = new byte[SynDataEx.COOKIE_HASH_LENGTH];
                in.get(bytes);
                hash = Optional.of(HexFormat.of().formatHex(bytes));
            }
        }
        return new Syn(header, data, extended, hash, datagram.length);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

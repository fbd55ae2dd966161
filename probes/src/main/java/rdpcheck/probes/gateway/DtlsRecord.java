package rdpcheck.probes.gateway;

import java.util.ArrayList;
import java.util.List;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * One DTLS record (RFC 6347 4.1, RFC 4347 4.1): what the RD Gateway's UDP transport (MS-TSGU
 * 1.3.3) answers a ClientHello with. A datagram may carry several records back to back.
 *
 * <pre>
 *  0 type(1)   1 version(2)   3 epoch(2)   5 sequence_number(6)   11 length(2)   13 fragment(length)
 * </pre>
 *
 * @param contentType 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data
 * @param version     0xFEFF DTLS 1.0, 0xFEFD DTLS 1.2 (one's complement of the TLS numbers)
 */
public record DtlsRecord(int contentType, int version, int epoch, long sequence, byte[] fragment) {

    static final int OFFSET_TYPE = 0;
    static final int OFFSET_VERSION = 1;
    static final int OFFSET_EPOCH = 3;
    static final int OFFSET_SEQUENCE = 5;
    static final int SEQUENCE_LENGTH = 6;
    static final int OFFSET_LENGTH = 11;
    public static final int HEADER_LENGTH = 13;
    /** RFC 6347 4.1: a fragment is at most 2^14 bytes plus what compression and the cipher add. */
    static final int MAX_FRAGMENT = (1 << 14) + 2048;
    /** Records decoded from one datagram; a ServerHello flight is four or five. */
    public static final int MAX_RECORDS = 16;

    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;
    public static final int DTLS_1_0 = 0xFEFF;
    public static final int DTLS_1_2 = 0xFEFD;

    public DtlsRecord {
        fragment = fragment.clone();
    }

    @Override
    public byte[] fragment() {
        return fragment.clone();
    }

    /** Every record of one datagram, in order. */
    public static List<DtlsRecord> decodeAll(byte[] datagram) throws MalformedPduException {
        Bytes.require(datagram.length >= HEADER_LENGTH,
                "a datagram of " + datagram.length + " bytes is shorter than the 13 of a DTLS record header");
        List<DtlsRecord> records = new ArrayList<>();
        int at = 0;
        while (at < datagram.length) {
            Bytes.require(records.size() < MAX_RECORDS, "more than " + MAX_RECORDS + " DTLS records in one datagram");
            Bytes.require(datagram.length - at >= HEADER_LENGTH, (datagram.length - at)
                    + " bytes after the last record are too few for another record header");
            int type = datagram[at + OFFSET_TYPE] & 0xff;
            Bytes.require(type >= CHANGE_CIPHER_SPEC && type <= APPLICATION_DATA + 1,
                    "content type " + type + " is not a DTLS record type (20-24)");
            int version = u16(datagram, at + OFFSET_VERSION);
            Bytes.require((version >> 8) == 0xFE, String.format("version 0x%04X is not a DTLS version (0xFEXX)", version));
            int epoch = u16(datagram, at + OFFSET_EPOCH);
            long sequence = 0;
            for (int i = 0; i < SEQUENCE_LENGTH; i++) {
                sequence = sequence << 8 | (datagram[at + OFFSET_SEQUENCE + i] & 0xff);
            }
            int length = u16(datagram, at + OFFSET_LENGTH);
            Bytes.require(length <= MAX_FRAGMENT, "a record of " + length + " bytes is longer than DTLS allows");
            int start = at + HEADER_LENGTH;
            Bytes.require(datagram.length - start >= length, "the record says " + length + " bytes, the datagram holds "
                    + (datagram.length - start));
            records.add(new DtlsRecord(type, version, epoch, sequence, java.util.Arrays.copyOfRange(datagram, start, start + length)));
            at = start + length;
        }
        return records;
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER_LENGTH + fragment.length];
        out[OFFSET_TYPE] = (byte) contentType;
        putU16(out, OFFSET_VERSION, version);
        putU16(out, OFFSET_EPOCH, epoch);
        for (int i = 0; i < SEQUENCE_LENGTH; i++) {
            out[OFFSET_SEQUENCE + i] = (byte) (sequence >>> (8 * (SEQUENCE_LENGTH - 1 - i)));
        }
        putU16(out, OFFSET_LENGTH, fragment.length);
        System.arraycopy(fragment, 0, out, HEADER_LENGTH, fragment.length);
        return out;
    }

    /** {@code DTLS 1.2}, {@code DTLS 1.0} or the number. */
    public static String versionName(int version) {
        return switch (version) {
            case DTLS_1_0 -> "DTLS 1.0";
            case DTLS_1_2 -> "DTLS 1.2";
            case 0xFEFC -> "DTLS 1.3";
            default -> String.format("version 0x%04X", version);
        };
    }

    static int u16(byte[] data, int at) {
        return (data[at] & 0xff) << 8 | (data[at + 1] & 0xff);
    }

    static int u24(byte[] data, int at) {
        return (data[at] & 0xff) << 16 | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff);
    }

    static void putU16(byte[] data, int at, int value) {
        data[at] = (byte) (value >>> 8);
        data[at + 1] = (byte) value;
    }

    static void putU24(byte[] data, int at, int value) {
        data[at] = (byte) (value >>> 16);
        data[at + 1] = (byte) (value >>> 8);
        data[at + 2] = (byte) value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DtlsRecord r && r.contentType == contentType && r.version == version && r.epoch == epoch
                && r.sequence == sequence && java.util.Arrays.equals(r.fragment, fragment);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(contentType, version, epoch, sequence, java.util.Arrays.hashCode(fragment));
    }

    @Override
    public String toString() {
        return "DtlsRecord[type " + contentType + ", " + versionName(version) + ", epoch " + epoch + ", seq " + sequence
                + ", " + fragment.length + " bytes]";
    }
}

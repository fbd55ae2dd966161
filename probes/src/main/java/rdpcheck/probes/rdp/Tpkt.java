package rdpcheck.probes.rdp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * TPKT framing (RFC 1006, MS-RDPBCGR 2.2.1.1): version 3, a reserved byte and a big-endian
 * length that counts the 4 header bytes too.
 */
public final class Tpkt {

    public static final int HEADER_LENGTH = 4;
    public static final int VERSION = 0x03;
    private static final int OFFSET_VERSION = 0;
    private static final int OFFSET_LENGTH = 2;
    /** The length field is 16 bits, so no TPKT is longer. */
    public static final int MAX_LENGTH = 0xFFFF;

    private Tpkt() {
    }

    public static byte[] wrap(byte[] payload) {
        int length = HEADER_LENGTH + payload.length;
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("TPKT payload too long: " + payload.length);
        }
        byte[] packet = new byte[length];
        packet[OFFSET_VERSION] = VERSION;
        packet[OFFSET_LENGTH] = (byte) (length >>> 8);
        packet[OFFSET_LENGTH + 1] = (byte) length;
        System.arraycopy(payload, 0, packet, HEADER_LENGTH, payload.length);
        return packet;
    }

    /** The length field of a TPKT header; the caller has checked {@code header[0] == 3}. */
    public static int length(byte[] header) {
        return ((header[OFFSET_LENGTH] & 0xff) << 8) | (header[OFFSET_LENGTH + 1] & 0xff);
    }

    /**
     * Reads one whole TPKT (header included) of at most {@code maxLength} bytes.
     *
     * @throws MalformedPduException the bytes are not a TPKT or announce more than allowed
     */
    public static byte[] read(InputStream in, int maxLength) throws IOException, MalformedPduException {
        byte[] header = readFully(in, new byte[HEADER_LENGTH], 0);
        if ((header[OFFSET_VERSION] & 0xff) != VERSION) {
            throw new MalformedPduException(String.format("first byte 0x%02x is not TPKT version 3", header[0] & 0xff));
        }
        int length = length(header);
        if (length < HEADER_LENGTH + 3) {
            throw new MalformedPduException("TPKT length " + length + " is too short for an X.224 TPDU");
        }
        if (length > maxLength) {
            throw new MalformedPduException("TPKT announces " + length + " bytes, more than the " + maxLength + " accepted here");
        }
        byte[] packet = new byte[length];
        System.arraycopy(header, 0, packet, 0, HEADER_LENGTH);
        return readFully(in, packet, HEADER_LENGTH);
    }

    private static byte[] readFully(InputStream in, byte[] buffer, int from) throws IOException {
        int off = from;
        while (off < buffer.length) {
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                throw new EOFException("connection closed " + off + " bytes into a " + buffer.length + "-byte TPKT");
            }
            off += n;
        }
        return buffer;
    }
}

package rdpcheck.probes.rdp.mcs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/** TS_UD_HEADER-framed data blocks (MS-RDPBCGR 2.2.1.3.1): type(2 LE) length(2 LE, header included). */
final class UserData {

    static final int HEADER_LENGTH = 4;
    /** A Connect-Response carries 3 to 5 blocks; dozens are not a server. */
    static final int MAX_BLOCKS = 16;

    private UserData() {
    }

    static byte[] header(int type, int length) {
        byte[] block = new byte[length];
        Bytes.putShortLE(block, 0, type);
        Bytes.putShortLE(block, 2, length);
        return block;
    }

    static int type(byte[] block) {
        return Bytes.shortLE(block, 0);
    }

    /** Splits {@code data[from, to)} into whole blocks, header included. */
    static List<byte[]> split(byte[] data, int from, int to) throws MalformedPduException {
        List<byte[]> blocks = new ArrayList<>();
        int at = from;
        while (at < to) {
            Bytes.require(to - at >= HEADER_LENGTH, "user data ends with " + (to - at) + " bytes, too few for a block header");
            Bytes.require(blocks.size() < MAX_BLOCKS, "more than " + MAX_BLOCKS + " user data blocks");
            int length = Bytes.shortLE(data, at + 2);
            Bytes.require(length >= HEADER_LENGTH && length <= to - at, String.format(
                    "user data block 0x%04x at offset %d announces %d bytes, %d remain", Bytes.shortLE(data, at), at, length, to - at));
            blocks.add(Arrays.copyOfRange(data, at, at + length));
            at += length;
        }
        return blocks;
    }

    static byte[] concat(List<byte[]> parts) {
        int total = parts.stream().mapToInt(p -> p.length).sum();
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}

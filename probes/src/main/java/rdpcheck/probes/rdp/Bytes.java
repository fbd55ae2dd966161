package rdpcheck.probes.rdp;

import java.util.HexFormat;

/** Little helpers for the byte layouts of MS-RDPBCGR. */
public final class Bytes {

    private Bytes() {
    }

    public static int intLE(byte[] data, int at) {
        return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 24;
    }

    public static int shortLE(byte[] data, int at) {
        return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8;
    }

    public static void putIntLE(byte[] data, int at, int value) {
        data[at] = (byte) value;
        data[at + 1] = (byte) (value >>> 8);
        data[at + 2] = (byte) (value >>> 16);
        data[at + 3] = (byte) (value >>> 24);
    }

    public static void putShortLE(byte[] data, int at, int value) {
        data[at] = (byte) value;
        data[at + 1] = (byte) (value >>> 8);
    }

    public static void require(boolean condition, String problem) throws MalformedPduException {
        if (!condition) {
            throw new MalformedPduException(problem);
        }
    }

    /** Hex of the first {@code max} bytes, with an ellipsis if there are more. */
    public static String hexPreview(byte[] data, int max) {
        String hex = HexFormat.of().formatHex(data, 0, Math.min(max, data.length));
        return data.length > max ? hex + "..." : hex;
    }

    /** The bytes as text, unprintable ones as '.', for telling what a non-RDP service is. */
    public static String asciiPreview(byte[] data, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(max, data.length); i++) {
            int c = data[i] & 0xff;
            text.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return text.toString();
    }
}

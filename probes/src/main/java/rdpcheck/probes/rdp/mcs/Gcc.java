package rdpcheck.probes.rdp.mcs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * The T.124 (GCC) ConnectData around the RDP user data, in ALIGNED PER as MS-RDPBCGR 2.2.1.3 and
 * 2.2.1.4 lay it out. Only the fixed shapes RDP uses are written and accepted.
 *
 * <pre>
 * ConnectData: key choice(1)=0 | OID length(1)=5 | 00 14 7c 00 01 (T.124 0.0.20.124.0.1) | connectPDU length (PER)
 * Request:  choice(1)=0x00 | selection(1)=0x08 | ConferenceName numeric "1": 00 10 | padding(1) | sets(1)=1
 *           | choice(1)=0xc0 | h221 key: length(1)=0 "Duca" | user data length (PER) | user data
 * Response: choice(1)=0x14 | nodeID(2) | tag: length(1) value | result(1) | sets(1)=1
 *           | choice(1)=0xc0 | h221 key: length(1)=0 "McDn" | user data length (PER) | user data
 * </pre>
 */
final class Gcc {

    static final byte[] T124_OID = {0x00, 0x14, 0x7c, 0x00, 0x01};
    static final byte[] CLIENT_KEY = "Duca".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SERVER_KEY = "McDn".getBytes(StandardCharsets.US_ASCII);
    static final byte[] REQUEST_HEAD = {0x00, 0x08, 0x00, 0x10, 0x00, 0x01, (byte) 0xc0, 0x00};
    /** nodeID 0x760a + 1001 = 31219, tag 1, result success, one set, h221NonStandard: Windows' own bytes. */
    static final byte[] RESPONSE_HEAD = {0x14, 0x76, 0x0a, 0x01, 0x01, 0x00, 0x01, (byte) 0xc0, 0x00};
    static final int RESULT_SUCCESS = 0;

    private Gcc() {
    }

    static byte[] conferenceCreateRequest(byte[] userData) {
        return wrap(REQUEST_HEAD, CLIENT_KEY, userData);
    }

    static byte[] conferenceCreateResponse(byte[] userData) {
        return wrap(RESPONSE_HEAD, SERVER_KEY, userData);
    }

    private static byte[] wrap(byte[] head, byte[] key, byte[] userData) {
        ByteArrayOutputStream pdu = new ByteArrayOutputStream();
        pdu.writeBytes(head);
        pdu.writeBytes(key);
        writeLength(pdu, userData.length);
        pdu.writeBytes(userData);
        byte[] connectPdu = pdu.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(T124_OID.length);
        out.writeBytes(T124_OID);
        writeLength(out, connectPdu.length);
        out.writeBytes(connectPdu);
        return out.toByteArray();
    }

    /** The result and user data of a Conference Create Response. */
    record Response(int result, byte[] userData) {
    }

    static Response readResponse(byte[] gcc) throws MalformedPduException {
        Reader in = new Reader(gcc);
        in.connectData();
        in.u8(); // ConnectGCCPDU choice: conferenceCreateResponse
        in.skip(2); // nodeID
        int tagLength = in.u8();
        Bytes.require(tagLength >= 1 && tagLength <= 4, "GCC tag of " + tagLength + " bytes");
        in.skip(tagLength);
        int result = in.u8(); // ENUMERATED: one byte in aligned PER
        in.userDataSet(SERVER_KEY);
        return new Response(result, in.userData());
    }

    static byte[] readRequestUserData(byte[] gcc) throws MalformedPduException {
        Reader in = new Reader(gcc);
        in.connectData();
        in.skip(5); // choice, selection, ConferenceName "1" (2 bytes), padding
        in.userDataSet(CLIENT_KEY);
        return in.userData();
    }

    static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else {
            out.write(0x80 | (length >>> 8));
            out.write(length);
        }
    }

    /** A bounded cursor; every read past the end is a {@link MalformedPduException}. */
    private static final class Reader {
        private final byte[] data;
        private int at;

        Reader(byte[] data) {
            this.data = data;
        }

        int u8() throws MalformedPduException {
            Bytes.require(at < data.length, "GCC data ends at byte " + at);
            return data[at++] & 0xff;
        }

        void skip(int n) throws MalformedPduException {
            Bytes.require(data.length - at >= n, "GCC data ends at byte " + data.length + ", " + n + " more expected at " + at);
            at += n;
        }

        int length() throws MalformedPduException {
            int first = u8();
            if ((first & 0x80) == 0) {
                return first;
            }
            Bytes.require((first & 0xc0) == 0x80, "fragmented PER length 0x" + Integer.toHexString(first));
            return ((first & 0x3f) << 8) | u8();
        }

        void connectData() throws MalformedPduException {
            Bytes.require(u8() == 0, "T.124 ConnectData key is not an object identifier");
            int oidLength = u8();
            Bytes.require(oidLength == T124_OID.length && data.length - at >= oidLength
                    && Arrays.equals(data, at, at + oidLength, T124_OID, 0, oidLength), "the T.124 object identifier is missing");
            at += oidLength;
            int pduLength = length();
            Bytes.require(pduLength <= data.length - at, "connectPDU announces " + pduLength + " bytes, " + (data.length - at) + " remain");
        }

        void userDataSet(byte[] key) throws MalformedPduException {
            int sets = u8();
            Bytes.require(sets == 1, "GCC user data has " + sets + " sets, not 1");
            Bytes.require((u8() & 0xc0) == 0xc0, "GCC user data is not h221NonStandard");
            Bytes.require(u8() == 0, "h221NonStandard key is not 4 bytes");
            Bytes.require(data.length - at >= key.length && Arrays.equals(data, at, at + key.length, key, 0, key.length),
                    "h221NonStandard key is not \"" + new String(key, StandardCharsets.US_ASCII) + "\"");
            at += key.length;
        }

        byte[] userData() throws MalformedPduException {
            int length = length();
            Bytes.require(length <= data.length - at, "GCC user data announces " + length + " bytes, " + (data.length - at) + " remain");
            return Arrays.copyOfRange(data, at, at + length);
        }
    }
}

package rdpcheck.probes.rdp.mcs;

import java.util.Arrays;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.rdp.Tpkt;

/**
 * The X.224 Data TPDU (X.224 class 0 DT, MS-RDPBCGR 2.2.1.3) that carries every MCS PDU after the
 * Connection Confirm: TPKT(4) | LI(1)=2 | code(1)=0xF0 | EOT(1)=0x80 | MCS PDU.
 */
public final class X224Data {

    static final int LENGTH_INDICATOR = 2;
    static final int TPDU_DATA = 0xF0;
    static final int EOT = 0x80;
    static final int HEADER_LENGTH = Tpkt.HEADER_LENGTH + 3;

    private X224Data() {
    }

    public static byte[] wrap(byte[] mcsPdu) {
        byte[] payload = new byte[3 + mcsPdu.length];
        payload[0] = LENGTH_INDICATOR;
        payload[1] = (byte) TPDU_DATA;
        payload[2] = (byte) EOT;
        System.arraycopy(mcsPdu, 0, payload, 3, mcsPdu.length);
        return Tpkt.wrap(payload);
    }

    /** The MCS PDU inside one whole TPKT. */
    public static byte[] unwrap(byte[] packet) throws MalformedPduException {
        Bytes.require(packet.length >= HEADER_LENGTH, "TPKT of " + packet.length + " bytes is too short for an X.224 Data TPDU");
        Bytes.require((packet[Tpkt.HEADER_LENGTH + 1] & 0xf0) == TPDU_DATA,
                String.format("X.224 TPDU code 0x%02x is not Data (0xf0)", packet[Tpkt.HEADER_LENGTH + 1] & 0xff));
        Bytes.require((packet[Tpkt.HEADER_LENGTH] & 0xff) == LENGTH_INDICATOR,
                "X.224 Data length indicator " + (packet[Tpkt.HEADER_LENGTH] & 0xff) + " is not 2");
        return Arrays.copyOfRange(packet, HEADER_LENGTH, packet.length);
    }
}

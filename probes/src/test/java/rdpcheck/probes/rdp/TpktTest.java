package rdpcheck.probes.rdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class TpktTest {

    @Test
    void read_wholePacket_returnsItWithHeader() throws Exception {
        byte[] packet = ConnectionConfirm.encodeSelected(1, 0);
        assertArrayEquals(packet, Tpkt.read(new ByteArrayInputStream(packet), 100));
    }

    @Test
    void read_notVersion3_isMalformed() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> Tpkt.read(new ByteArrayInputStream("HTTP/1.1 400".getBytes()), 100));
        assertTrue(e.getMessage().contains("0x48"), e.getMessage());
    }

    @Test
    void read_hugeAnnouncedLength_isRefusedBeforeReading() {
        byte[] header = HexFormat.of().parseHex("0300ffff");
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> Tpkt.read(new ByteArrayInputStream(header), 1024));
        assertTrue(e.getMessage().contains("65535"), e.getMessage());
    }

    @Test
    void read_lengthShorterThanHeader_isMalformed() {
        assertThrows(MalformedPduException.class, () -> Tpkt.read(new ByteArrayInputStream(HexFormat.of().parseHex("03000002")), 100));
    }

    @Test
    void read_truncatedBody_isEof() {
        byte[] packet = ConnectionConfirm.encodeSelected(1, 0);
        byte[] cut = java.util.Arrays.copyOf(packet, packet.length - 3);
        assertThrows(EOFException.class, () -> Tpkt.read(new ByteArrayInputStream(cut), 100));
    }
}

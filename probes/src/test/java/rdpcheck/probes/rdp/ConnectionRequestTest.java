package rdpcheck.probes.rdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Byte layouts from MS-RDPBCGR 2.2.1.1 (Client X.224 Connection Request). */
class ConnectionRequestTest {

    @Test
    void encode_withoutCookie_isTheNineteenByteRequest() {
        // The 19-byte request of MS-RDPBCGR 4.1.1 without the cookie: TPKT, CR, RDP_NEG_REQ for TLS|HYBRID|HYBRID_EX.
        byte[] expected = HexFormat.of().parseHex("030000130ee000000000000100080" + "00b000000");
        assertArrayEquals(expected, new ConnectionRequest("", Optional.of(0x0b), 0).encode());
    }

    @Test
    void encode_withCookie_putsCookieLineBeforeNegotiationRequest() {
        byte[] packet = ConnectionRequest.of(1).encode();
        String cookie = "Cookie: mstshash=rdpcheck\r\n";
        assertEquals(4 + 7 + cookie.length() + 8, packet.length);
        assertEquals(packet.length, Tpkt.length(packet));
        assertEquals(packet.length - 5, packet[4] & 0xff, "LI counts the bytes after itself");
        assertEquals(0xE0, packet[5] & 0xff);
        assertEquals(cookie, new String(packet, 11, cookie.length(), StandardCharsets.US_ASCII));
        int neg = 11 + cookie.length();
        assertEquals(0x01, packet[neg]);
        assertEquals(8, Bytes.shortLE(packet, neg + 2));
        assertEquals(1, Bytes.intLE(packet, neg + 4));
    }

    @Test
    void decode_encodedRequest_roundTrips() throws Exception {
        ConnectionRequest request = new ConnectionRequest("alice", Optional.of(0x0b), 0x08);
        assertEquals(request, ConnectionRequest.decode(request.encode()));
    }

    @Test
    void decode_requestWithoutNegotiation_hasNoRequestedProtocols() throws Exception {
        ConnectionRequest request = new ConnectionRequest("old", Optional.empty(), 0);
        assertEquals(Optional.empty(), ConnectionRequest.decode(request.encode()).requestedProtocols());
    }

    @Test
    void decode_connectionConfirm_isNotARequest() {
        assertThrows(MalformedPduException.class, () -> ConnectionRequest.decode(ConnectionConfirm.encodeSelected(1, 0)));
    }

    @Test
    void constructor_cookieWithLineBreak_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionRequest("a\r\nb", Optional.of(1), 0));
    }

    @Test
    void describeMask_namesEveryBit() {
        assertEquals("PROTOCOL_RDP (0x0)", Protocol.describeMask(0));
        assertEquals("PROTOCOL_SSL|PROTOCOL_HYBRID|PROTOCOL_HYBRID_EX (0xb)", Protocol.describeMask(0x0b));
        assertTrue(Protocol.describeMask(0x101).contains("0x100"));
    }
}

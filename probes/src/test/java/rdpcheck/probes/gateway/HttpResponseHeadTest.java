package rdpcheck.probes.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.rdp.MalformedPduException;

class HttpResponseHeadTest {

    /** What HTTP.sys sends an unauthenticated RDG_OUT_DATA: 401 with a challenge per scheme. */
    static final String GATEWAY_401 = "HTTP/1.1 401 Unauthorized\r\n"
            + "Content-Type: text/html\r\nServer: Microsoft-HTTPAPI/2.0\r\n"
            + "WWW-Authenticate: Negotiate\r\nWWW-Authenticate: NTLM\r\n"
            + "Date: Thu, 03 Dec 2026 10:00:00 GMT\r\nContent-Length: 0\r\n\r\n";

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void decode_gateway401_statusServerAndBothChallenges() throws Exception {
        HttpResponseHead head = HttpResponseHead.decode(bytes(GATEWAY_401));
        assertEquals("HTTP/1.1", head.version());
        assertEquals(401, head.status());
        assertEquals("Unauthorized", head.reason());
        assertEquals(Optional.of("Microsoft-HTTPAPI/2.0"), head.value("server"));
        assertEquals(List.of("Negotiate", "NTLM"), head.values("WWW-Authenticate"));
    }

    @Test
    void read_stopsAtTheEmptyLine_leavingTheBodyUnread() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes(GATEWAY_401 + "BODY"));
        byte[] head = HttpResponseHead.read(in, HttpResponseHead.MAX_HEAD_BYTES);
        assertEquals(GATEWAY_401.length(), head.length);
        assertEquals(4, in.available());
    }

    @Test
    void read_bareLineFeeds_endTheHeadToo() throws Exception {
        byte[] head = HttpResponseHead.read(new ByteArrayInputStream(bytes("HTTP/1.0 501 Not Implemented\nServer: edge\n\nx")), 1024);
        HttpResponseHead decoded = HttpResponseHead.decode(head);
        assertEquals(501, decoded.status());
        assertEquals(Optional.of("edge"), decoded.value("Server"));
    }

    @Test
    void read_endlessHeader_refusedAtTheLimit() {
        byte[] endless = bytes("HTTP/1.1 200 OK\r\nX: " + "a".repeat(5000));
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> HttpResponseHead.read(new ByteArrayInputStream(endless), 4096));
        assertTrue(e.getMessage().contains("longer than 4096"), e.getMessage());
    }

    @Test
    void read_nothingThenClose_isEof_butCloseInsideTheHeadIsMalformed() {
        assertThrows(EOFException.class, () -> HttpResponseHead.read(new ByteArrayInputStream(new byte[0]), 1024));
        assertThrows(MalformedPduException.class, () -> HttpResponseHead.read(new ByteArrayInputStream(bytes("HTTP/1.1 40")), 1024));
    }

    @Test
    void decode_tlsOrBinaryBytes_notHttp() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> HttpResponseHead.decode(new byte[] {0x16, 0x03, 0x03, 0x00, 0x02, '\n', '\n'}));
        assertTrue(e.getMessage().startsWith("not an HTTP response"), e.getMessage());
    }

    @Test
    void decode_statusWithoutThreeDigits_refused() {
        assertThrows(MalformedPduException.class, () -> HttpResponseHead.decode(bytes("HTTP/1.1 40x Oops\r\n\r\n")));
        assertThrows(MalformedPduException.class, () -> HttpResponseHead.decode(bytes("HTTP/1.1 4011 Oops\r\n\r\n")));
        assertThrows(MalformedPduException.class, () -> HttpResponseHead.decode(bytes("HTTP/x 401 Oops\r\n\r\n")));
    }

    @Test
    void decode_headerWithoutColonOrWithBadName_refused() {
        assertThrows(MalformedPduException.class, () -> HttpResponseHead.decode(bytes("HTTP/1.1 401 A\r\nno colon\r\n\r\n")));
        assertThrows(MalformedPduException.class, () -> HttpResponseHead.decode(bytes("HTTP/1.1 401 A\r\nBad Name: x\r\n\r\n")));
    }

    @Test
    void decode_controlCharactersInValues_neverReachAReport() throws Exception {
        HttpResponseHead head = HttpResponseHead.decode(bytes("HTTP/1.1 401 \u001b[31mred\r\nServer: a\u0007b\u00e9\r\n\r\n"));
        assertFalse(head.reason().contains("\u001b"));
        assertEquals(Optional.of("a?b?"), head.value("Server"));
    }

    @Test
    void decode_foldedLine_joinsThePreviousValue() throws Exception {
        HttpResponseHead head = HttpResponseHead.decode(bytes("HTTP/1.1 401 A\r\nWWW-Authenticate: Basic\r\n realm=\"gw\"\r\n\r\n"));
        assertEquals(List.of("Basic realm=\"gw\""), head.values("www-authenticate"));
    }

    @Test
    void decode_tooManyHeaders_refused() {
        String many = "HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(HttpResponseHead.MAX_HEADERS + 1) + "\r\n";
        assertThrows(MalformedPduException.class, () -> HttpResponseHead.decode(bytes(many)));
    }

    @Test
    void lists_findsATokenInACommaList_caseInsensitive() throws Exception {
        HttpResponseHead head = HttpResponseHead.decode(bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: WebSocket\r\n"
                + "Connection: keep-alive, Upgrade\r\n\r\n"));
        assertTrue(head.lists("Connection", "upgrade"));
        assertTrue(head.lists("upgrade", "websocket"));
        assertFalse(head.lists("Connection", "close"));
    }
}

package rdpcheck.probes.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.rdp.MalformedPduException;

/** The DTLS records and handshake messages of the gateway's UDP transport, from RFC 6347's layouts. */
class DtlsTest {

    /** A HelloVerifyRequest as a DTLS 1.0 server sends it: record (13), handshake header (12), version, 4-byte cookie. */
    static final byte[] HELLO_VERIFY = HexFormat.of().parseHex(
            "16" + "feff" + "0000" + "000000000000" + "0013"
                    + "03" + "000007" + "0000" + "000000" + "000007"
                    + "feff" + "04" + "a1b2c3d4");

    @Test
    void helloVerifyRequest_fromTheLayout_decodes() throws Exception {
        List<DtlsRecord> records = DtlsRecord.decodeAll(HELLO_VERIFY);
        assertEquals(1, records.size());
        DtlsRecord record = records.get(0);
        assertEquals(DtlsRecord.HANDSHAKE, record.contentType());
        assertEquals(DtlsRecord.DTLS_1_0, record.version());
        DtlsHandshake handshake = DtlsHandshake.decode(record.fragment());
        assertEquals(DtlsHandshake.HELLO_VERIFY_REQUEST, handshake.type());
        DtlsHelloVerifyRequest verify = DtlsHelloVerifyRequest.decode(handshake.body());
        assertEquals(DtlsRecord.DTLS_1_0, verify.serverVersion());
        assertEquals(4, verify.cookieLength());
    }

    @Test
    void clientHello_isOneHandshakeRecord_whoseBodyDecodesToWhatWasOffered() throws Exception {
        byte[] datagram = DtlsClientHello.standard().datagram(new SecureRandom());
        DtlsRecord record = DtlsRecord.decodeAll(datagram).get(0);
        assertEquals(datagram.length, DtlsRecord.HEADER_LENGTH + record.fragment().length);
        DtlsHandshake hello = DtlsHandshake.decode(record.fragment());
        assertEquals(DtlsHandshake.CLIENT_HELLO, hello.type());
        DtlsClientHello decoded = DtlsClientHello.decode(hello.body());
        assertEquals(DtlsRecord.DTLS_1_2, decoded.clientVersion());
        assertEquals(DtlsClientHello.SUITES, decoded.cipherSuites());
        assertTrue(datagram.length < 300, "one small datagram: " + datagram.length);
    }

    @Test
    void serverHello_roundTrips_withAndWithoutExtensions() throws Exception {
        DtlsServerHello hello = DtlsServerHello.decode(DtlsServerHello.encode(DtlsRecord.DTLS_1_2, 0xC02F));
        assertEquals(0xC02F, hello.cipherSuite());
        assertEquals(DtlsRecord.DTLS_1_2, hello.serverVersion());
        byte[] body = DtlsServerHello.encode(DtlsRecord.DTLS_1_2, 0x002F);
        byte[] withExtensions = java.util.Arrays.copyOf(body, body.length + 6);
        withExtensions[body.length + 1] = 4; // extensions_length 4: one empty extension
        withExtensions[body.length + 2] = (byte) 0xff;
        withExtensions[body.length + 3] = 0x01;
        assertEquals(0x002F, DtlsServerHello.decode(withExtensions).cipherSuite());
    }

    @Test
    void record_lengthPastTheDatagram_refused() {
        byte[] cut = java.util.Arrays.copyOf(HELLO_VERIFY, HELLO_VERIFY.length - 1);
        assertThrows(MalformedPduException.class, () -> DtlsRecord.decodeAll(cut));
    }

    @Test
    void record_tlsVersionOrUnknownType_notDtls() {
        byte[] tls = HELLO_VERIFY.clone();
        tls[1] = 3;
        tls[2] = 3;
        assertThrows(MalformedPduException.class, () -> DtlsRecord.decodeAll(tls));
        byte[] type = HELLO_VERIFY.clone();
        type[0] = 99;
        assertThrows(MalformedPduException.class, () -> DtlsRecord.decodeAll(type));
    }

    @Test
    void record_trailingBytesTooFewForAHeader_refused() {
        byte[] longer = java.util.Arrays.copyOf(HELLO_VERIFY, HELLO_VERIFY.length + 5);
        assertThrows(MalformedPduException.class, () -> DtlsRecord.decodeAll(longer));
    }

    @Test
    void handshake_fragmented_refused() {
        byte[] fragment = java.util.Arrays.copyOfRange(HELLO_VERIFY, DtlsRecord.HEADER_LENGTH, HELLO_VERIFY.length);
        fragment[DtlsHandshake.OFFSET_FRAGMENT_LENGTH + 2] = 3; // 3 of 7 bytes
        assertThrows(MalformedPduException.class, () -> DtlsHandshake.decode(fragment));
    }

    @Test
    void helloVerify_cookieLongerThanItsBytes_refused() {
        assertThrows(MalformedPduException.class, () -> DtlsHelloVerifyRequest.decode(new byte[] {(byte) 0xfe, (byte) 0xff, 9, 1}));
    }

    @Test
    void serverHello_sessionIdOver32_refused() {
        byte[] body = DtlsServerHello.encode(DtlsRecord.DTLS_1_2, 0xC02F);
        body[DtlsServerHello.OFFSET_SESSION_ID_LENGTH] = 33;
        assertThrows(MalformedPduException.class, () -> DtlsServerHello.decode(body));
    }

    @Test
    void record_encodeDecode_roundTrips() throws Exception {
        DtlsRecord record = new DtlsRecord(DtlsRecord.ALERT, DtlsRecord.DTLS_1_2, 1, 0x0102030405L, new byte[] {2, 40});
        assertEquals(List.of(record), DtlsRecord.decodeAll(record.encode()));
    }
}

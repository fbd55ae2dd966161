package rdpcheck.probes.nla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.rdp.MalformedPduException;

class TsRequestTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encode_versionSixWithNegotiate_isTheDerOfMsCssp221() {
        byte[] token = NtlmNegotiateMessage.standard().encode(); // 40 bytes = 0x28

        byte[] der = TsRequest.withToken(6, token).encode();

        // SEQUENCE { [0] INTEGER 6, [1] SEQUENCE OF SEQUENCE { [0] OCTET STRING token } }
        String expected = "3037" + "a003020106" + "a130" + "302e" + "302c" + "a02a" + "0428" + HEX.formatHex(token);
        assertEquals(expected, HEX.formatHex(der));
    }

    @Test
    void decode_serverChallengeRequest_readsVersionAndToken() throws Exception {
        byte[] token = HEX.parseHex("4e544c4d5353500002000000");
        byte[] der = HEX.parseHex("301b" + "a003020106" + "a114" + "3012" + "3010" + "a00e" + "040c" + HEX.formatHex(token));

        TsRequest request = TsRequest.decode(der);

        assertEquals(6, request.version());
        assertEquals(1, request.negoTokens().size());
        assertArrayEquals(token, request.negoTokens().get(0));
        assertEquals(Optional.empty(), request.errorCode());
    }

    @Test
    void decode_errorCodeAsWindowsWritesIt_isTheUnsignedNtstatus() throws Exception {
        // [4] INTEGER with the 4 bytes c000006d (negative as a signed INTEGER)
        byte[] der = HEX.parseHex("300d" + "a003020103" + "a406020" + "4c000006d");

        TsRequest request = TsRequest.decode(der);

        assertEquals(3, request.version());
        assertEquals(Optional.of(0xC000006DL), request.errorCode());
        assertEquals("STATUS_LOGON_FAILURE (0xc000006d)", NtStatus.describe(request.errorCode().get()));
    }

    @Test
    void encode_thenDecode_keepsErrorCodeAndNonce() throws Exception {
        byte[] nonce = new byte[32];
        nonce[31] = 9;
        TsRequest sent = new TsRequest(6, List.of(), Optional.of(0xC0000388L), Optional.of(nonce));

        TsRequest got = TsRequest.decode(sent.encode());

        assertEquals(Optional.of(0xC0000388L), got.errorCode());
        assertArrayEquals(nonce, got.clientNonce().get());
    }

    @Test
    void decode_lengthPastTheEnd_isMalformed() {
        byte[] der = HEX.parseHex("3040a003020106");
        assertThrows(MalformedPduException.class, () -> TsRequest.decode(der));
    }

    @Test
    void decode_notASequence_isMalformed() {
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> TsRequest.decode(HEX.parseHex("0401ff")));
        assertTrue(e.getMessage().contains("not a SEQUENCE"), e.getMessage());
    }

    @Test
    void decode_withoutVersion_isMalformed() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> TsRequest.decode(HEX.parseHex("3006a4040202c000")));
        assertTrue(e.getMessage().contains("no version"), e.getMessage());
    }

    @Test
    void decode_implicitInsteadOfExplicitTag_isMalformed() {
        assertThrows(MalformedPduException.class, () -> TsRequest.decode(HEX.parseHex("3003800106")));
    }

    @Test
    void decode_hugeVersion_isMalformed() {
        assertThrows(MalformedPduException.class, () -> TsRequest.decode(HEX.parseHex("3009a00702050100000000")));
    }

    @Test
    void decode_trailingGarbage_isMalformed() {
        assertThrows(MalformedPduException.class, () -> TsRequest.decode(HEX.parseHex("3005a003020106ff")));
    }

    @Test
    void read_framesExactlyOneElementFromAStream() throws Exception {
        byte[] one = TsRequest.withToken(6, new byte[300]).encode();
        byte[] stream = new byte[one.length + 5];
        System.arraycopy(one, 0, stream, 0, one.length);

        assertArrayEquals(one, TsRequest.read(new ByteArrayInputStream(stream), TsRequest.MAX_LENGTH));
    }

    @Test
    void read_announcedLengthOverTheLimit_isRefusedBeforeReading() {
        byte[] header = HEX.parseHex("3084 7fffffff".replace(" ", ""));
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> TsRequest.read(new ByteArrayInputStream(header), TsRequest.MAX_LENGTH));
        assertTrue(e.getMessage().contains("more than the 65536"), e.getMessage());
    }

    @Test
    void read_tlsAlertInsteadOfDer_isMalformed() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> TsRequest.read(new ByteArrayInputStream(HEX.parseHex("15030300020228")), TsRequest.MAX_LENGTH));
        assertTrue(e.getMessage().contains("0x15"), e.getMessage());
    }

    @Test
    void read_streamEndsInsideTheElement_isEof() {
        assertThrows(EOFException.class,
                () -> TsRequest.read(new ByteArrayInputStream(HEX.parseHex("3010a003")), TsRequest.MAX_LENGTH));
    }

    /** BER's indefinite length streams without end (a hostile server's endless TSRequest): refused at the header. */
    @Test
    void read_indefiniteLength_isMalformedSayingSo() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> TsRequest.read(new ByteArrayInputStream(HEX.parseHex("3080a003020106a003020106")), TsRequest.MAX_LENGTH));
        assertTrue(e.getMessage().contains("indefinite length"), e.getMessage());
    }

    /** Bouncy Castle's own text (class names) stays out of the refusal. */
    @Test
    void decode_fieldOfTheWrongType_saysSoWithoutLibraryText() {
        // negoTokens [1] holding a SEQUENCE whose item is a SEQUENCE of a SEQUENCE instead of [0] OCTET STRING
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> TsRequest.decode(HEX.parseHex("3011a003020106a10a30083006300430023000")));
        assertTrue(e.getMessage().startsWith("not a TSRequest"), e.getMessage());
        assertTrue(!e.getMessage().contains("org.bouncycastle") && !e.getMessage().contains("getInstance"), e.getMessage());
    }
}

package rdpcheck.probes.gateway;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.nla.NtlmChallengeMessage;
import rdpcheck.probes.nla.NtlmVersion;
import rdpcheck.probes.nla.TargetInfo;

/**
 * Valid inputs of the gateway decoders, the starting points of the property tests (DecoderFuzzTest)
 * and of the coverage-guided fuzz targets' seed corpus: what an RD Gateway, a proxy in front of it
 * and a DTLS server answer.
 */
public final class GatewaySeeds {

    private GatewaySeeds() {
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An NTLM CHALLENGE from GW01 in CORP, base64 as it rides in WWW-Authenticate. */
    static String challengeToken() {
        byte[] challenge = new NtlmChallengeMessage(Optional.of("CORP"), 0xe28a8235,
                TargetInfo.of("CORP", "GW01", "corp.example.com", "gw01.corp.example.com", "corp.example.com",
                        Instant.parse("2026-12-01T00:00:00Z")),
                Optional.of(new NtlmVersion(10, 0, 20348, 15)), List.of()).encode(new byte[8]);
        return Base64.getEncoder().encodeToString(challenge);
    }

    public static List<byte[]> responseHeads() {
        return List.of(
                ascii("HTTP/1.1 401 Unauthorized\r\nContent-Type: text/html\r\nServer: Microsoft-HTTPAPI/2.0\r\n"
                        + "WWW-Authenticate: Negotiate\r\nWWW-Authenticate: NTLM\r\nContent-Length: 0\r\n\r\n"),
                ascii("HTTP/1.1 401 Unauthorized\r\nServer: Microsoft-HTTPAPI/2.0\r\nWWW-Authenticate: NTLM "
                        + challengeToken() + "\r\nContent-Length: 0\r\n\r\n"),
                ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"),
                ascii("HTTP/1.1 501 Not Implemented\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n"
                        + "Content-Length: 181\r\nConnection: keep-alive\r\n\r\n<html>"));
    }

    public static List<byte[]> challenges() {
        return List.of(ascii("Negotiate\nNTLM"), ascii("NTLM " + challengeToken()),
                ascii("Basic realm=\"gw.corp\", charset=\"UTF-8\", Negotiate"), ascii("Negotiate oQcwBaADCgEA"));
    }

    public static List<byte[]> handshakes() {
        byte[] verify = new DtlsHandshake(DtlsHandshake.HELLO_VERIFY_REQUEST, 0,
                DtlsHelloVerifyRequest.encode(DtlsRecord.DTLS_1_0, new byte[20])).encode();
        byte[] server = new DtlsHandshake(DtlsHandshake.SERVER_HELLO, 0,
                DtlsServerHello.encode(DtlsRecord.DTLS_1_2, 0xC02F)).encode();
        byte[] client = new DtlsHandshake(DtlsHandshake.CLIENT_HELLO, 0,
                DtlsClientHello.standard().body(new SecureRandom())).encode();
        return List.of(verify, server, client);
    }

    public static List<byte[]> datagrams() {
        List<byte[]> handshakes = handshakes();
        byte[] alert = new DtlsRecord(DtlsRecord.ALERT, DtlsRecord.DTLS_1_2, 0, 1, new byte[] {2, 40}).encode();
        byte[] verify = new DtlsRecord(DtlsRecord.HANDSHAKE, DtlsRecord.DTLS_1_0, 0, 0, handshakes.get(0)).encode();
        byte[] two = new byte[verify.length + alert.length];
        System.arraycopy(verify, 0, two, 0, verify.length);
        System.arraycopy(alert, 0, two, verify.length, alert.length);
        return List.of(verify, DtlsClientHello.standard().datagram(new SecureRandom()), alert, two);
    }
}

package rdpcheck.probes.gateway;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.List;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * The ClientHello rdpcheck sends to an RD Gateway's UDP port (MS-TSGU 1.3.3: the RDG client starts
 * a DTLS handshake), as one DTLS record in one datagram. It offers DTLS 1.2 in a DTLS 1.0 record,
 * so a server of either version answers, and the suites Schannel enables for DTLS. Nothing
 * follows it: the answer (HelloVerifyRequest or ServerHello) is all the probe reads.
 *
 * <pre>
 * client_version(2) random(32) session_id_length(1)=0 cookie_length(1)=0
 * cipher_suites_length(2) cipher_suites   compression_methods_length(1)=1 null(1)=0
 * extensions_length(2) extensions (supported_groups, ec_point_formats, signature_algorithms,
 *                                  renegotiation_info, extended_master_secret)
 * </pre>
 *
 * @param clientVersion the version offered in the ClientHello body
 * @param cipherSuites  the suites offered, by IANA number
 */
public record DtlsClientHello(int clientVersion, List<Integer> cipherSuites) {

    static final int RANDOM_LENGTH = 32;
    static final int OFFSET_SESSION_ID_LENGTH = 2 + RANDOM_LENGTH;
    /** ECDHE with AES-GCM and AES-CBC, then RSA key exchange: what Schannel enables for DTLS 1.0 and 1.2. */
    static final List<Integer> SUITES = List.of(0xC02B, 0xC02F, 0xC02C, 0xC030, 0xC009, 0xC013, 0xC00A, 0xC014,
            0x009C, 0x009D, 0x002F, 0x0035);
    static final int EXT_SUPPORTED_GROUPS = 0x000A;
    static final int EXT_EC_POINT_FORMATS = 0x000B;
    static final int EXT_SIGNATURE_ALGORITHMS = 0x000D;
    static final int EXT_EXTENDED_MASTER_SECRET = 0x0017;
    static final int EXT_RENEGOTIATION_INFO = 0xFF01;
    static final int[] GROUPS = {0x001D, 0x0017, 0x0018};
    static final int[] SIGNATURES = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0201};

    public DtlsClientHello {
        cipherSuites = List.copyOf(cipherSuites);
    }

    public static DtlsClientHello standard() {
        return new DtlsClientHello(DtlsRecord.DTLS_1_2, SUITES);
    }

    /** The whole datagram: record header, handshake header, ClientHello (message_seq 0, epoch 0). */
    public byte[] datagram(SecureRandom random) {
        DtlsHandshake hello = new DtlsHandshake(DtlsHandshake.CLIENT_HELLO, 0, body(random));
        return new DtlsRecord(DtlsRecord.HANDSHAKE, DtlsRecord.DTLS_1_0, 0, 0, hello.encode()).encode();
    }

    byte[] body(SecureRandom random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, clientVersion);
        byte[] bytes = new byte[RANDOM_LENGTH];
        random.nextBytes(bytes);
        out.writeBytes(bytes);
        out.write(0); // session_id
        out.write(0); // cookie: empty on the first ClientHello
        u16(out, cipherSuites.size() * 2);
        cipherSuites.forEach(suite -> u16(out, suite));
        out.write(1);
        out.write(0);
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        extension(extensions, EXT_SUPPORTED_GROUPS, list16(GROUPS));
        extension(extensions, EXT_EC_POINT_FORMATS, new byte[] {1, 0});
        extension(extensions, EXT_SIGNATURE_ALGORITHMS, list16(SIGNATURES));
        extension(extensions, EXT_RENEGOTIATION_INFO, new byte[] {0});
        extension(extensions, EXT_EXTENDED_MASTER_SECRET, new byte[0]);
        u16(out, extensions.size());
        out.writeBytes(extensions.toByteArray());
        return out.toByteArray();
    }

    /** For the lab's responder: the version and suites of a ClientHello body; the rest is checked, not kept. */
    public static DtlsClientHello decode(byte[] body) throws MalformedPduException {
        Bytes.require(body.length > OFFSET_SESSION_ID_LENGTH, "a ClientHello of " + body.length + " bytes is shorter than 35");
        int version = DtlsRecord.u16(body, 0);
        int at = OFFSET_SESSION_ID_LENGTH;
        int sessionId = body[at] & 0xff;
        Bytes.require(sessionId <= 32, "a session id of " + sessionId + " bytes");
        at += 1 + sessionId;
        Bytes.require(body.length > at, "the ClientHello ends before its cookie");
        at += 1 + (body[at] & 0xff);
        Bytes.require(body.length >= at + 2, "the ClientHello ends before its cipher suites");
        int suitesLength = DtlsRecord.u16(body, at);
        Bytes.require(suitesLength % 2 == 0 && body.length >= at + 2 + suitesLength, "cipher suites of " + suitesLength + " bytes");
        java.util.List<Integer> suites = new java.util.ArrayList<>();
        for (int i = 0; i < suitesLength; i += 2) {
            suites.add(DtlsRecord.u16(body, at + 2 + i));
        }
        return new DtlsClientHello(version, suites);
    }

    private static byte[] list16(int[] values) {
        byte[] out = new byte[2 + values.length * 2];
        DtlsRecord.putU16(out, 0, values.length * 2);
        for (int i = 0; i < values.length; i++) {
            DtlsRecord.putU16(out, 2 + 2 * i, values[i]);
        }
        return out;
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        u16(out, type);
        u16(out, data.length);
        out.writeBytes(data);
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }
}

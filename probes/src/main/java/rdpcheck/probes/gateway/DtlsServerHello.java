package rdpcheck.probes.gateway;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * ServerHello (RFC 5246 7.4.1.3, as DTLS carries it): the version and cipher suite a DTLS server
 * chose. A server that skips the cookie exchange answers the first ClientHello with it.
 *
 * <pre>
 *  0 server_version(2)   2 random(32)   34 session_id_length(1)   35 session_id(at most 32)
 *    cipher_suite(2)   compression_method(1)   [extensions_length(2) extensions]
 * </pre>
 */
public record DtlsServerHello(int serverVersion, int cipherSuite, int compressionMethod) {

    static final int OFFSET_VERSION = 0;
    static final int RANDOM_LENGTH = 32;
    static final int OFFSET_SESSION_ID_LENGTH = 2 + RANDOM_LENGTH;
    static final int MAX_SESSION_ID = 32;

    public static DtlsServerHello decode(byte[] body) throws MalformedPduException {
        Bytes.require(body.length > OFFSET_SESSION_ID_LENGTH, "a ServerHello of " + body.length + " bytes is shorter than 35");
        int version = DtlsRecord.u16(body, OFFSET_VERSION);
        int sessionId = body[OFFSET_SESSION_ID_LENGTH] & 0xff;
        Bytes.require(sessionId <= MAX_SESSION_ID, "a session id of " + sessionId + " bytes is longer than 32");
        int at = OFFSET_SESSION_ID_LENGTH + 1 + sessionId;
        Bytes.require(body.length >= at + 3, "the ServerHello ends before its cipher suite and compression method");
        int suite = DtlsRecord.u16(body, at);
        int compression = body[at + 2] & 0xff;
        int extensions = at + 3;
        if (body.length > extensions) {
            Bytes.require(body.length >= extensions + 2, "one byte where the extensions' length should be");
            int length = DtlsRecord.u16(body, extensions);
            Bytes.require(body.length - extensions - 2 == length, "the extensions say " + length + " bytes, "
                    + (body.length - extensions - 2) + " follow");
        }
        return new DtlsServerHello(version, suite, compression);
    }

    /** For the lab's DTLS responder: no session id, no extensions. */
    public static byte[] encode(int version, int cipherSuite) {
        byte[] out = new byte[OFFSET_SESSION_ID_LENGTH + 1 + 3];
        DtlsRecord.putU16(out, OFFSET_VERSION, version);
        byte[] random = new byte[RANDOM_LENGTH];
        new java.security.SecureRandom().nextBytes(random);
        System.arraycopy(random, 0, out, 2, RANDOM_LENGTH);
        DtlsRecord.putU16(out, OFFSET_SESSION_ID_LENGTH + 1, cipherSuite);
        return out;
    }
}

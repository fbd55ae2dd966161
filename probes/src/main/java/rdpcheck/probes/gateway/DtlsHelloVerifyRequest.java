package rdpcheck.probes.gateway;

import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * HelloVerifyRequest (RFC 6347 4.2.1): the stateless cookie a DTLS server sends back before it
 * keeps any state for a client. It proves a DTLS server listens, without a key exchange.
 *
 * <pre>
 *  0 server_version(2)   2 cookie_length(1)   3 cookie(cookie_length, at most 255)
 * </pre>
 */
public record DtlsHelloVerifyRequest(int serverVersion, int cookieLength) {

    static final int OFFSET_VERSION = 0;
    static final int OFFSET_COOKIE_LENGTH = 2;
    static final int OFFSET_COOKIE = 3;

    public static DtlsHelloVerifyRequest decode(byte[] body) throws MalformedPduException {
        Bytes.require(body.length >= OFFSET_COOKIE, "a HelloVerifyRequest of " + body.length + " bytes is shorter than 3");
        int version = DtlsRecord.u16(body, OFFSET_VERSION);
        int cookie = body[OFFSET_COOKIE_LENGTH] & 0xff;
        Bytes.require(body.length - OFFSET_COOKIE >= cookie, "the cookie says " + cookie + " bytes, "
                + (body.length - OFFSET_COOKIE) + " follow");
        return new DtlsHelloVerifyRequest(version, cookie);
    }

    /** For the lab's DTLS responder. */
    public static byte[] encode(int version, byte[] cookie) {
        byte[] out = new byte[OFFSET_COOKIE + cookie.length];
        DtlsRecord.putU16(out, OFFSET_VERSION, version);
        out[OFFSET_COOKIE_LENGTH] = (byte) cookie.length;
        System.arraycopy(cookie, 0, out, OFFSET_COOKIE, cookie.length);
        return out;
    }
}

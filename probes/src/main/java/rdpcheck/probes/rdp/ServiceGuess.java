package rdpcheck.probes.rdp;

import java.nio.charset.StandardCharsets;

/** Names the service behind a non-RDP reply from its first bytes, so "not RDP" says what it is instead. */
public final class ServiceGuess {

    private ServiceGuess() {
    }

    /** TLS record type handshake (22), then at offset 5 the handshake type: 1 ClientHello, 2 ServerHello. */
    static final int TLS_HANDSHAKE_RECORD = 22;
    static final int TLS_ALERT_RECORD = 21;
    static final int HANDSHAKE_TYPE_OFFSET = 5;
    static final int CLIENT_HELLO = 1;
    static final int TPKT_VERSION = 3;

    /** A TLS ClientHello record: the peer behaves as a TLS client, not as a server. */
    public static boolean isClientHello(byte[] seen) {
        return seen.length > HANDSHAKE_TYPE_OFFSET && (seen[0] & 0xff) == TLS_HANDSHAKE_RECORD && seen[1] == 0x03
                && seen[HANDSHAKE_TYPE_OFFSET] == CLIENT_HELLO;
    }

    /** What kind of peer sent {@code seen} first, in words: "an HTTP server", "a TLS client (it sent a ClientHello)". */
    public static String of(byte[] seen) {
        if (isClientHello(seen)) {
            return "a TLS ClientHello: the peer behaves as a TLS client, not as a server";
        }
        if (seen.length >= 4 && seen[0] == TPKT_VERSION && seen[1] == 0) {
            return "a TPKT packet: RDP (X.224) where TLS was expected";
        }
        String text = new String(seen, 0, Math.min(seen.length, 16), StandardCharsets.ISO_8859_1);
        if (seen.length >= 3 && (seen[0] == 0x15 || seen[0] == 0x16) && seen[1] == 0x03) {
            return seen[0] == 0x15 ? "a TLS alert: a TLS service expecting a ClientHello" : "a TLS handshake record";
        }
        if (text.startsWith("HTTP/")) {
            return "an HTTP server";
        }
        if (text.startsWith("SSH-")) {
            return "an SSH server";
        }
        if (text.startsWith("RFB ")) {
            return "a VNC server";
        }
        if (text.startsWith("220")) {
            return "an FTP or SMTP banner";
        }
        if (text.startsWith("+OK") || text.startsWith("-ERR")) {
            return "a POP3 or Redis-like text protocol";
        }
        boolean printable = true;
        for (int i = 0; i < Math.min(seen.length, 16); i++) {
            int c = seen[i] & 0xff;
            printable &= c == '\r' || c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f);
        }
        return printable ? "a text protocol" : "an unknown binary protocol";
    }
}

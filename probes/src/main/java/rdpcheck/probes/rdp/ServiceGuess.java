package rdpcheck.probes.rdp;

import java.nio.charset.StandardCharsets;

/** Names the service behind a non-RDP reply from its first bytes, so "not RDP" says what it is instead. */
final class ServiceGuess {

    private ServiceGuess() {
    }

    static String of(byte[] seen) {
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

package rdpcheck.probes;

import java.io.IOException;
import java.util.regex.Pattern;

import rdpcheck.probes.net.WireEvents;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * Text from an exception, fit for a report, a chat message and a log line: one line, at most
 * {@link #MAX_LENGTH} characters, no control characters, no Java class names. rdpcheck's own
 * exceptions carry words written for people (which may quote bytes a server sent: those are
 * cleaned too); the JDK's and libraries' texts are replaced by what is known about the event.
 */
public final class ProbeText {

    public static final int MAX_LENGTH = 300;

    /** {@code java.io.IOException: }, {@code org.bouncycastle.tls.TlsFatalAlert:} and the like. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Alert)\\b:?\\s*");

    private ProbeText() {
    }

    /** What {@code e} says about the server or the connection, in rdpcheck's words. */
    public static String of(Throwable e) {
        if (e instanceof IOException io) {
            return clean(WireEvents.describe(io));
        }
        if (e instanceof ProbeException || e instanceof MalformedPduException || e instanceof InvalidTargetException) {
            return e.getMessage() == null ? "the server's answer could not be read" : clean(e.getMessage());
        }
        return "rdpcheck could not process what the server sent (an error in rdpcheck)";
    }

    /** {@code text} on one line, control characters as {@code ?}, class names out, bounded. */
    public static String clean(String text) {
        String named = CLASS_NAME.matcher(text).replaceAll("");
        StringBuilder out = new StringBuilder(Math.min(named.length(), MAX_LENGTH + 1));
        boolean space = false;
        for (int i = 0; i < named.length() && out.length() < MAX_LENGTH; i++) {
            char c = named.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                if (!space && out.length() > 0) {
                    out.append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            out.append(control ? '?' : c);
        }
        if (out.length() >= MAX_LENGTH && named.length() > MAX_LENGTH) {
            out.setLength(MAX_LENGTH - 1);
            out.append('…');
        }
        return out.toString().strip();
    }
}

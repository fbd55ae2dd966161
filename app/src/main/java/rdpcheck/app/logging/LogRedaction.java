package rdpcheck.app.logging;

import rdpcheck.chat.policy.Redactor;

/**
 * The redactor every log line passes (logback.xml's {@code %redactedMsg} and {@code %redactedEx}).
 * Logback builds its converters itself, so they reach the configured secrets through this holder:
 * token shapes are masked from the first line on, the configured values once the configuration
 * is loaded.
 */
public final class LogRedaction {

    private static volatile Redactor current = Redactor.none();

    private LogRedaction() {
    }

    public static void install(Redactor redactor) {
        current = redactor;
    }

    public static Redactor current() {
        return current;
    }

    /**
     * A log message: secrets masked, and control characters (newlines included) shown as
     * {@code \\uXXXX}, so text a host or user supplied can neither forge a log line nor drive
     * the terminal that shows the log.
     */
    public static String message(String text) {
        String scrubbed = current.scrub(text);
        StringBuilder out = null;
        for (int i = 0; i < scrubbed.length(); i++) {
            char c = scrubbed.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(scrubbed.length() + 16).append(scrubbed, 0, i);
            }
            if (out != null) {
                if (control) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? scrubbed : out.toString();
    }
}

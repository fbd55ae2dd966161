package rdpcheck.probes.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A change said for people: "TLS 1.0 turned off since yesterday 14:02 UTC". */
final class ChangeWords {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private ChangeWords() {
    }

    /**
     * @param since    the first check that saw {@code after}
     * @param now      this check
     * @param previous the check before this one
     */
    static String say(String fact, String before, String after, Instant since, Instant now, Instant previous,
                      Map<String, String> then, Map<String, String> facts) {
        String when = since.equals(now) ? "since the last check, " + at(previous, now) : "since " + at(since, now);
        switch (fact) {
            case ChangeFacts.CERT_THUMBPRINT: {
                String old = then.containsKey(ChangeFacts.CERT_EXPIRY) ? oldEnd(then.get(ChangeFacts.CERT_EXPIRY), since) : "";
                return "The certificate was replaced " + ago(since, now, previous) + " (" + old + "thumbprint "
                        + before + " → " + after + ")";
            }
            case ChangeFacts.CERT_EXPIRY:
                if (!before.isEmpty() && !after.isEmpty() && !then.getOrDefault(ChangeFacts.CERT_THUMBPRINT, "")
                        .equals(facts.getOrDefault(ChangeFacts.CERT_THUMBPRINT, ""))) {
                    return "The new certificate is valid until " + date(after) + " (the old one until " + date(before) + ")";
                }
                return "The certificate's end moved from " + date(before) + " to " + date(after) + " " + when;
            case ChangeFacts.CERT_ISSUER:
                return "The certificate's issuer changed " + when + ": was " + before + ", now " + after;
            case ChangeFacts.CERT_NAMES:
                return "The certificate's names changed " + when + ": were " + or(before) + ", now " + or(after);
            case ChangeFacts.SECURITY_REQUIRED:
                if (after.equals("nothing")) {
                    return before + " no longer required " + when;
                }
                if (before.equals("nothing")) {
                    return after + " now required " + when;
                }
                if (before.equals("NLA")) {
                    return "NLA no longer required " + when + " (" + after + " is)";
                }
                return "Required security changed from " + before + " to " + after + " " + when;
            case ChangeFacts.SECURITY_OFFERED:
                return turned(before, after, " no longer offered", " now offered", when, "Security offered");
            case ChangeFacts.TLS_VERSIONS:
                return turned(before, after, " turned off", " turned on", when, "TLS versions");
            case ChangeFacts.NTLM_NAMES:
                return "A different host answers under this name " + when + ": it was " + before + ", now " + after;
            case ChangeFacts.NTLM_VERSION:
                return "The Windows version the host claims changed " + when + ": NTLM version " + before + " → " + after;
            case ChangeFacts.STANDARD_SECURITY:
                if (after.equals("refused")) {
                    return "Standard RDP Security turned off " + when + " (it accepted " + before + ")";
                }
                if (before.equals("refused")) {
                    return "Standard RDP Security turned on " + when + ": " + after;
                }
                return "Standard RDP Security changed " + when + ": " + before + " → " + after;
            case ChangeFacts.DNS:
                return after.equals("resolves") ? "The name resolves again " + when + " (it was: " + before + ")"
                        : "The name stopped resolving " + when + ": " + after;
            default:
                break;
        }
        if (fact.startsWith(ChangeFacts.ADDRESS)) {
            String address = fact.substring(ChangeFacts.ADDRESS.length());
            if (after.isEmpty()) {
                return address + " is no longer among the name's addresses " + when;
            }
            if (after.equals("open")) {
                return address + " answers again " + when + " (it was " + or(before) + ")";
            }
            if (before.equals("open")) {
                return address + " stopped answering (" + after + ") " + when;
            }
            return address + " was " + or(before) + ", now " + after + " " + when;
        }
        if (fact.startsWith(ChangeFacts.RTT)) {
            return "The round trip to " + fact.substring(ChangeFacts.RTT.length()) + " went from " + before + " ms to "
                    + after + " ms " + when;
        }
        return fact + " changed " + when + ": " + or(before) + " → " + or(after);
    }

    /** "TLS 1.0 turned off, TLS 1.3 turned on since ..." from two comma-separated lists. */
    private static String turned(String before, String after, String off, String on, String when, String label) {
        List<String> was = items(before);
        List<String> is = items(after);
        List<String> parts = new ArrayList<>();
        List<String> gone = was.stream().filter(v -> !is.contains(v)).toList();
        List<String> added = is.stream().filter(v -> !was.contains(v)).toList();
        if (!gone.isEmpty()) {
            parts.add(String.join(", ", gone) + off);
        }
        if (!added.isEmpty()) {
            parts.add(String.join(", ", added) + on);
        }
        if (parts.isEmpty()) {
            return label + " changed " + when + ": " + before + " → " + after;
        }
        return String.join("; ", parts) + " " + when;
    }

    private static List<String> items(String list) {
        if (list.isBlank() || list.equals("none") || list.equals("nothing")) {
            return List.of();
        }
        return Arrays.stream(list.split(",\\s*")).toList();
    }

    private static String or(String value) {
        return value.isEmpty() ? "(none)" : value;
    }

    /** "2 h ago", or "since the last check, yesterday 14:02 UTC" when this check saw it first. */
    private static String ago(Instant since, Instant now, Instant previous) {
        if (since.equals(now)) {
            return "since the last check, " + at(previous, now);
        }
        return describe(Duration.between(since, now)) + " ago";
    }

    /** "the old one had expired 3 days before; " when the old end was before the change was seen. */
    private static String oldEnd(String before, Instant since) {
        try {
            Instant end = Instant.parse(before);
            if (end.isBefore(since)) {
                return "the old one had expired " + describe(Duration.between(end, since)) + " before; ";
            }
        } catch (DateTimeParseException e) {
            return "";
        }
        return "";
    }

    private static String date(String instant) {
        try {
            return DAY.format(Instant.parse(instant).atZone(ZoneOffset.UTC)).substring(0, 10);
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    /** "14:02 UTC" today, "yesterday 14:02 UTC", else "2026-11-28 14:02 UTC" (the report's own clock: UTC). */
    static String at(Instant when, Instant now) {
        ZonedDateTime then = when.atZone(ZoneOffset.UTC);
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        if (then.toLocalDate().equals(today)) {
            return CLOCK.format(then) + " UTC";
        }
        if (then.toLocalDate().equals(today.minusDays(1))) {
            return "yesterday " + CLOCK.format(then) + " UTC";
        }
        return DAY.format(then) + " UTC";
    }

    /** "40 s", "12 min", "2 h", "3 days". */
    static String describe(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 90) {
            return seconds + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60.0) + " min";
        }
        if (seconds < 36 * 3600) {
            return Math.round(seconds / 3600.0) + " h";
        }
        long days = Math.round(seconds / 86400.0);
        return days + (days == 1 ? " day" : " days");
    }
}

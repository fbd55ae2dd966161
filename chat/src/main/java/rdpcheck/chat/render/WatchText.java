package rdpcheck.chat.render;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import rdpcheck.checks.Answer;
import rdpcheck.checks.watch.Watch;
import rdpcheck.checks.watch.WatchChannel;
import rdpcheck.checks.watch.Watches;

/**
 * Watches as plain text with {@code `code`} spans, the same in a terminal and in chat: what adding
 * one did, and the list of a channel's (or every) watch with how often, when next and whether paused.
 */
public final class WatchText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private WatchText() {
    }

    /** "Watching `rdp01.corp:3389` every 1h in slack:C0OPS: ..." */
    public static String added(Watches.Added added, Instant now, List<Integer> expiryDays) {
        if (added instanceof Watches.Added.Full full) {
            return "Not watched: " + full.reason() + ".";
        }
        Watch watch = added instanceof Watches.Added.New n ? n.watch() : ((Watches.Added.Updated) added).watch();
        String what = added instanceof Watches.Added.New ? "Watching" : "Already watched; now checking";
        return what + " `" + watch.target().key() + "` every " + Watch.words(watch.every()) + " in " + watch.channel()
                + ". The first check runs " + when(watch.nextDue(), now) + "; alerts come here once each: a new critical"
                + " problem, recovery, a change (certificate, security layers, TLS versions, identity)"
                + (expiryDays.isEmpty() ? "." : ", and the certificate's end (" + days(expiryDays)
                + " days before, then daily).");
    }

    /** The watches of {@code channel} (empty: every channel), one line each. */
    public static String list(Optional<WatchChannel> channel, List<Watch> watches, Instant now) {
        String where = channel.map(c -> " in " + c).orElse("");
        if (watches.isEmpty()) {
            return "No watches" + where + ". Add one with `/rdpcheck watch HOST [every 30m|1h|6h|1d]`.";
        }
        StringBuilder out = new StringBuilder(watches.size() == 1 ? "1 watch" : watches.size() + " watches").append(where)
                .append(':');
        for (Watch watch : watches) {
            out.append("\n`").append(watch.target().key()).append("` every ").append(Watch.words(watch.every()));
            if (channel.isEmpty()) {
                out.append(" in ").append(watch.channel());
            }
            out.append(" · ");
            if (watch.paused().isPresent()) {
                out.append("paused: ").append(watch.paused().get());
            } else {
                out.append("next ").append(when(watch.nextDue(), now));
            }
            watch.state().at().ifPresent(at -> out.append(" · last ").append(Answer.describe(Duration.between(at, now)))
                    .append(" ago").append(watch.state().critical().isEmpty() ? "" : ": `"
                            + String.join("`, `", watch.state().critical().keySet()) + "`"));
            out.append(" · added by ").append(watch.addedBy().isEmpty() ? "?" : watch.addedBy());
        }
        return out.toString();
    }

    private static String days(List<Integer> days) {
        if (days.size() == 1) {
            return String.valueOf(days.get(0));
        }
        List<String> words = days.stream().map(String::valueOf).toList();
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    private static String when(Instant due, Instant now) {
        if (!due.isAfter(now.plusSeconds(5))) {
            return "within a minute";
        }
        return "at " + TIME.format(due) + " UTC (in " + Answer.describe(Duration.between(now, due)) + ")";
    }
}

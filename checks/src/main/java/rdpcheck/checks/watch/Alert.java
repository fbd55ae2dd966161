package rdpcheck.checks.watch;

import java.util.List;
import java.util.Objects;

import rdpcheck.checks.Answer;

/**
 * What a watch's run posts to its channel: the events this replica won (each kept once in the
 * store) and the check's answer, rendered like any other (verdict, facts, changes, fix steps,
 * buttons).
 */
public record Alert(Watch watch, List<AlertEvent> events, Answer answer) {

    public Alert {
        Objects.requireNonNull(watch, "watch");
        Objects.requireNonNull(answer, "answer");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an alert has at least one event");
        }
    }

    /** The first line: "Watch of rdp01.corp:3389: the certificate was replaced ..." (plain text, `code` spans). */
    public String headline() {
        AlertEvent first = events.get(0);
        return "Watch alert for `" + watch.target().key() + "`: " + first.text()
                + (events.size() > 1 ? " (and " + (events.size() - 1) + " more)" : "");
    }

    /** Every event, one line each. */
    public List<String> lines() {
        return events.stream().map(AlertEvent::text).toList();
    }
}

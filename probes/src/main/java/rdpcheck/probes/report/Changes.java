package rdpcheck.probes.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What changed since earlier checks of the same target: compared with the previous check and,
 * when this one found problems, with the last check without problems ("what changed since it last
 * worked?"). {@link #NONE} when nothing earlier is known.
 *
 * @param previousAt    when the previous check of the target ran
 * @param lastHealthyAt when the last check without problems ran
 * @param items         ranked: certificate, security, TLS, identity, Standard RDP Security, addresses, round trips
 */
public record Changes(Optional<Instant> previousAt, Optional<Instant> lastHealthyAt, List<Change> items) {

    public static final Changes NONE = new Changes(Optional.empty(), Optional.empty(), List.of());

    public Changes {
        Objects.requireNonNull(previousAt, "previousAt");
        Objects.requireNonNull(lastHealthyAt, "lastHealthyAt");
        items = List.copyOf(items);
    }

    /** Changes every renderer shows at most; the rest are in the JSON. */
    public static final int SHOWN = 8;

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * "Changed since it last worked (yesterday 14:02 UTC)" when {@code problems} and the last check
     * without problems is older than the previous one, else "Changed since the last check (09:12 UTC)".
     */
    public String heading(boolean problems, Instant now) {
        if (problems && lastHealthyAt.isPresent() && !lastHealthyAt.equals(previousAt)) {
            return "Changed since it last worked (" + ChangeWords.at(lastHealthyAt.get(), now) + ")";
        }
        return "Changed since the last check (" + previousAt.map(at -> ChangeWords.at(at, now)).orElse("never") + ")";
    }

    /** The changes in words, at most {@link #SHOWN}, then "and N more (in the JSON report)". */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>();
        for (Change change : items.subList(0, Math.min(SHOWN, items.size()))) {
            lines.add(change.text());
        }
        if (items.size() > SHOWN) {
            lines.add("and " + (items.size() - SHOWN) + " more (in the JSON report)");
        }
        return lines;
    }
}

package rdpcheck.probes.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Root cause first. A cause earlier in the connection hides what follows from it (a name that
 * does not resolve leaves nothing else to say); among the rest, by what users will experience
 * (the playbooks' client-impact model): more client groups failing first, then more groups
 * warned (a warning every user sees before hardening nobody notices), then worse severity, then a cause
 * that explains a failing client before one that only weakens the server (TLS 1.0 only, which
 * modern clients refuse, before NLA offered but not enforced), then the cause that sits earlier in
 * the connection (a missing certificate before the weak cipher).
 */
final class Ranking {

    /** In a playbook's {@code hides}: every other diagnosis. */
    static final String EVERYTHING = "*";

    /** The "nothing wrong" diagnoses: of a host, of an RD Gateway checked itself. */
    static final Set<String> HEALTHY = Set.of("healthy", "gateway.healthy");

    private Ranking() {
    }

    static List<Match> rank(List<Match> matches) {
        Set<String> hidden = new HashSet<>();
        boolean hideAll = false;
        String hider = null;
        for (Match match : matches) {
            List<String> hides = Catalogue.playbook(match.id()).hides();
            if (hides.contains(EVERYTHING) && hider == null) {
                hideAll = true;
                hider = match.id();
            }
            hidden.addAll(hides);
        }
        List<Match> kept = new ArrayList<>();
        for (Match match : matches) {
            if (hideAll ? match.id().equals(hider) : !hidden.contains(match.id())) {
                kept.add(match);
            }
        }
        kept.sort(Comparator.comparing((Match m) -> !HEALTHY.contains(m.id()))
                .thenComparing(m -> -Catalogue.playbook(m.id()).failing())
                .thenComparing(m -> -Catalogue.playbook(m.id()).warning())
                .thenComparing(Ranking::severity)
                .thenComparing(m -> Catalogue.playbook(m.id()).explains().isEmpty())
                .thenComparingInt(m -> Catalogue.playbook(m.id()).layer())
                .thenComparingInt(m -> Catalogue.IDS.indexOf(m.id())));
        return kept;
    }

    static Severity severity(Match match) {
        return match.severity().orElse(Catalogue.playbook(match.id()).severityValue());
    }
}

package rdpcheck.probes.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.rdp.NegotiationAttempt;

/**
 * The invariant every report keeps: no diagnosis contradicts a finding, each names the findings
 * it rests on, and the verdict agrees with the diagnoses. The diagnostician drops a conclusion a
 * finding contradicts before anyone sees it; tests assert that no rule ever produces one.
 */
public final class Consistency {

    private Consistency() {
    }

    /** Every way {@code ranked} breaks the invariant on {@code run}; empty when it holds. */
    public static List<String> violations(CheckRun run, List<Diagnosis> ranked) {
        Observations seen = new Observations(run);
        List<String> problems = new ArrayList<>();
        for (Diagnosis diagnosis : ranked) {
            if (!Catalogue.contains(diagnosis.id())) {
                problems.add(diagnosis.id() + ": not a catalogue id");
                continue;
            }
            problems.addAll(contradictions(seen, diagnosis.id()));
            problems.addAll(basis(run, diagnosis));
            problems.addAll(quotes(seen, diagnosis));
        }
        boolean problemsFound = ranked.stream().anyMatch(d -> d.severity() == Severity.CRITICAL || d.severity() == Severity.WARNING);
        if (problemsFound && ranked.stream().anyMatch(d -> Ranking.HEALTHY.contains(d.id()))) {
            problems.add("healthy: reported beside " + ranked.stream()
                    .filter(d -> d.severity() == Severity.CRITICAL || d.severity() == Severity.WARNING)
                    .map(Diagnosis::id).collect(Collectors.joining(", ")));
        }
        return problems;
    }

    /** The verdict leads with the first diagnosis, and says "no diagnosis" only when there is none. */
    public static List<String> verdictViolations(String verdict, List<Diagnosis> ranked) {
        List<String> problems = new ArrayList<>();
        boolean saysNone = verdict.contains(": no diagnosis");
        if (saysNone != ranked.isEmpty()) {
            problems.add("verdict '" + verdict + "' beside " + ranked.size() + " diagnoses");
        }
        return problems;
    }

    /** Each claim of {@code id}'s playbook against every finding: the contradicting finding, named. */
    static List<String> contradictions(Observations seen, String id) {
        List<String> problems = new ArrayList<>();
        for (Claim claim : Catalogue.playbook(id).claimValues()) {
            claim.contradiction(seen).ifPresent(finding -> problems.add(id + " claims " + claim.key()
                    + " but " + finding));
        }
        return problems;
    }

    /** The probes a diagnosis rests on must have completed in this check. */
    private static List<String> basis(CheckRun run, Diagnosis diagnosis) {
        List<String> problems = new ArrayList<>();
        List<String> declared = Catalogue.playbook(diagnosis.id()).basis();
        if (!diagnosis.basis().equals(declared)) {
            problems.add(diagnosis.id() + ": names basis " + diagnosis.basis() + ", its playbook " + declared);
        }
        Set<String> completed = run.findings().outcomes().entrySet().stream()
                .filter(e -> e.getValue() instanceof ProbeOutcome.Completed)
                .map(e -> e.getKey().label()).collect(Collectors.toSet());
        for (String probe : diagnosis.basis()) {
            if (!completed.contains(probe)) {
                problems.add(diagnosis.id() + ": rests on the " + probe + " finding, which this check "
                        + (run.findings().outcomes().keySet().stream().map(ProbeId::label).anyMatch(probe::equals)
                        ? "did not complete" : "does not have"));
            }
        }
        if (diagnosis.evidence().isEmpty()) {
            problems.add(diagnosis.id() + ": no evidence line");
        }
        return problems;
    }

    /** An evidence line that quotes a negotiation attempt quotes one that happened, word for word. */
    private static List<String> quotes(Observations seen, Diagnosis diagnosis) {
        List<String> seenLines = seen.negotiation().map(n -> n.attempts().stream().map(NegotiationAttempt::describe).toList())
                .orElse(List.of());
        List<String> problems = new ArrayList<>();
        for (String line : diagnosis.evidence()) {
            if (line.startsWith("requested ") && !seenLines.contains(line)) {
                problems.add(diagnosis.id() + ": evidence '" + line + "' is not a negotiation finding");
            }
        }
        return problems;
    }
}

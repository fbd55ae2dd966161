package rdpcheck.probes.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.Protocol;

/**
 * Turns findings into ranked diagnoses, root cause first, and a one-sentence verdict. Rules are
 * small and pure; the words and fix steps come from the knowledge base ({@link Catalogue}).
 */
public final class Diagnostician {

    private final List<Rule> rules;

    public Diagnostician() {
        this(Rules.standard());
    }

    Diagnostician(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The ranked diagnoses and the verdict of one check, from one pass of the rules. */
    public record Assessment(List<Diagnosis> diagnoses, String verdict) {
        public Assessment {
            diagnoses = List.copyOf(diagnoses);
        }
    }

    /** What {@link rdpcheck.probes.report.Report#of} uses: every rule runs once for both parts. */
    public Assessment assessment(CheckRun run) {
        List<Match> matches = assess(run);
        List<Diagnosis> ranked = matches.stream().map(m -> Catalogue.playbook(m.id()).render(m)).toList();
        return new Assessment(ranked, verdict(run, ranked, matches));
    }

    public List<Diagnosis> diagnose(CheckRun run) {
        return assessment(run).diagnoses();
    }

    /** The verdict is read at a glance (a chat notification, a fleet table): at most this many characters. */
    public static final int VERDICT_MAX = 160;

    /**
     * One sentence of at most {@value #VERDICT_MAX} characters: host and port, the root cause in
     * plain words and, when it fits, the client codes it explains. Who the host says it is and the
     * other diagnoses have their own lines in every report, so the sentence does not carry them.
     */
    public String verdict(CheckRun run, List<Diagnosis> ranked) {
        return verdict(run, ranked, assess(run));
    }

    private static String verdict(CheckRun run, List<Diagnosis> ranked, List<Match> matches) {
        String target = run.target().key();
        if (ranked.isEmpty()) {
            return fit(target + ": no diagnosis (the probes found nothing to judge by)");
        }
        String leadId = ranked.get(0).id();
        Optional<Match> lead = matches.stream().filter(m -> m.id().equals(leadId)).findFirst();
        if (lead.isEmpty()) {
            return fit(target + ": " + ranked.get(0).title());
        }
        Playbook playbook = Catalogue.playbook(leadId);
        String summary = target + ": " + playbook.renderSummary(lead.get().facts());
        String title = target + ": " + ranked.get(0).title();
        String codes = playbook.renderCodes(lead.get().facts());
        // The fullest sentence that fits: the summary with the codes it explains, the summary, the
        // (shorter) title with the codes, the title; else the summary cut to leave room for the codes.
        String explains = codes.isEmpty() ? "" : " — this explains " + codes;
        List<String> candidates = List.of(summary + explains, summary, title + explains, title);
        return candidates.stream().filter(c -> c.length() < VERDICT_MAX).findFirst().map(c -> c + ".")
                .orElseGet(() -> explains.length() < VERDICT_MAX / 2
                        ? fit(summary, VERDICT_MAX - explains.length() - 1) + explains + "."
                        : fit(summary, VERDICT_MAX));
    }

    /** Ends the sentence; one longer than {@value #VERDICT_MAX} (a very long host name) is cut at a word. */
    static String fit(String sentence) {
        return sentence.length() < VERDICT_MAX ? sentence + "." : fit(sentence, VERDICT_MAX);
    }

    /** At most {@code max} characters, cut at a word and marked with an ellipsis. */
    static String fit(String sentence, int max) {
        if (sentence.length() <= max) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', max - 1);
        return sentence.substring(0, cut > max / 2 ? cut : max - 1) + "…";
    }

    /**
     * The rule matches, hidden ones removed, healthy added when nothing worse than info was found,
     * ranked. A match that a finding contradicts ({@link Consistency}) is dropped: no rule should
     * produce one (the lab and recorded-run tests assert it), and none must reach a user if one does.
     */
    List<Match> assess(CheckRun run) {
        return assess(run, true);
    }

    /** {@link #assess(CheckRun)} without dropping contradicted matches: what the invariant tests check. */
    List<Match> assessUnchecked(CheckRun run) {
        return assess(run, false);
    }

    private List<Match> assess(CheckRun run, boolean dropContradicted) {
        Observations seen = new Observations(run);
        List<Match> matches = new ArrayList<>();
        for (Rule rule : rules) {
            rule.apply(seen).filter(m -> !dropContradicted || Consistency.contradictions(seen, m.id()).isEmpty())
                    .ifPresent(matches::add);
        }
        boolean problems = matches.stream().anyMatch(m -> {
            Severity severity = Ranking.severity(m);
            return severity == Severity.CRITICAL || severity == Severity.WARNING;
        });
        if (!problems) {
            healthy(seen).ifPresent(matches::add);
        }
        return Ranking.rank(matches);
    }

    /** The diagnoses as the rules alone produce them, contradicted ones included (for tests). */
    List<Diagnosis> diagnoseUnchecked(CheckRun run) {
        return assessUnchecked(run).stream().map(m -> Catalogue.playbook(m.id()).render(m)).toList();
    }

    /**
     * Healthy needs a server that spoke RDP; an empty check is not a healthy host. A check of an RD
     * Gateway itself (no RDP probes) is healthy when the gateway spoke RDG over a TLS handshake.
     */
    private static Optional<Match> healthy(Observations seen) {
        if (seen.negotiation().isEmpty()) {
            return seen.result(rdpcheck.probes.gateway.GatewayProbes.HTTP)
                    .filter(rdpcheck.probes.gateway.GatewayHttpResult::speaksRdg)
                    .map(h -> GatewayRules.gateway(seen, "gateway.healthy", h.gateway())
                            .fact("schemes", String.join(", ", h.authSchemes()))
                            .evidence("gateway-http: " + h.rdg().describe())
                            .build());
        }
        return seen.negotiation().filter(NegotiationResult::spokeRdp).map(n -> seen.match("healthy")
                .fact("security", security(n))
                .evidence(NegotiationRules.clientEvidence(n, r -> true))
                .build());
    }

    static String security(NegotiationResult n) {
        if (n.nlaRequired()) {
            return "requires Network Level Authentication (CredSSP)";
        }
        if (n.tlsRequired()) {
            return "requires TLS";
        }
        if (n.nlaOffered()) {
            return "offers Network Level Authentication (CredSSP)";
        }
        return n.accepts(Protocol.PROTOCOL_SSL) ? "accepts TLS" : "accepts Standard RDP Security";
    }
}

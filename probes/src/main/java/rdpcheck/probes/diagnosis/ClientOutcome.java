package rdpcheck.probes.diagnosis;

import java.util.List;

/**
 * What one client group will do against the checked host, from every diagnosis of the report:
 * the answer to "why can't I connect when my colleague can?".
 *
 * @param group   the client profile
 * @param impact  the worst impact any diagnosis has on it
 * @param because the ids of the diagnoses that cause that impact, ranked (empty when unaffected)
 * @param why     one line in plain words, e.g. "warns: The certificate does not name ..."
 */
public record ClientOutcome(ClientGroup group, ClientImpact impact, List<String> because, String why) {

    public ClientOutcome {
        because = List.copyOf(because);
    }

    /** Per group, the worst impact among {@code ranked} and the diagnoses behind it. */
    public static List<ClientOutcome> of(List<Diagnosis> ranked) {
        return java.util.Arrays.stream(ClientGroup.values()).map(group -> of(group, ranked)).toList();
    }

    static ClientOutcome of(ClientGroup group, List<Diagnosis> ranked) {
        ClientImpact worst = ranked.stream().map(d -> d.impactOn(group)).filter(i -> i != ClientImpact.UNKNOWN)
                .min(Enum::compareTo)
                .orElse(ranked.isEmpty() ? ClientImpact.UNKNOWN
                        : ranked.stream().allMatch(d -> d.impactOn(group) == ClientImpact.UNKNOWN) ? ClientImpact.UNKNOWN
                        : ClientImpact.UNAFFECTED);
        if (worst == ClientImpact.UNAFFECTED || worst == ClientImpact.UNKNOWN) {
            return new ClientOutcome(group, worst, List.of(), worst == ClientImpact.UNAFFECTED
                    ? "connects; nothing found stops or warns it" : "unknown: the check could not tell");
        }
        List<Diagnosis> causes = ranked.stream().filter(d -> d.impactOn(group) == worst).toList();
        String verb = worst == ClientImpact.FAILS ? "fails" : "warns, then connects";
        return new ClientOutcome(group, worst, causes.stream().map(Diagnosis::id).toList(),
                verb + ": " + String.join("; ", causes.stream().map(Diagnosis::title).toList()));
    }
}

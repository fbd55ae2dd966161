package rdpcheck.probes.diagnosis;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A cause found for the host's trouble (or the statement that there is none).
 *
 * @param id          stable id from the catalogue, e.g. {@code cert.expired}; users' scripts read it
 * @param severity    ranking and colour
 * @param confidence  how directly the evidence shows it
 * @param title       one line, plain words
 * @param explanation a few sentences: what it means and why clients fail
 * @param evidence    the findings it rests on, with the values seen
 * @param explains    client messages and codes it accounts for (e.g. "mstsc 0x904 / extended 0x7")
 * @param fix         ordered steps
 * @param basis       the findings (by probe: {@code negotiation}, {@code tls}, {@code certificate}...) it rests on
 * @param impacts     per client group, what this cause does to it (the playbook's impact model; "clients" in JSON)
 */
public record Diagnosis(
        String id,
        Severity severity,
        Confidence confidence,
        String title,
        String explanation,
        List<String> evidence,
        List<String> explains,
        List<FixStep> fix,
        List<String> basis,
        @JsonIgnore Map<ClientGroup, ClientImpact> impacts) {

    public Diagnosis {
        evidence = List.copyOf(evidence);
        explains = List.copyOf(explains);
        fix = List.copyOf(fix);
        basis = basis == null ? List.of() : List.copyOf(basis);
        impacts = impacts == null || impacts.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(impacts));
    }

    /** A diagnosis without basis or impact model (renderer tests, hand-made reports). */
    public Diagnosis(String id, Severity severity, Confidence confidence, String title, String explanation,
                     List<String> evidence, List<String> explains, List<FixStep> fix) {
        this(id, severity, confidence, title, explanation, evidence, explains, fix, List.of(), Map.of());
    }

    /** Read back from the JSON report, where {@code clients} is keyed by group key ({@link #clientsByKey()}). */
    @JsonCreator
    static Diagnosis fromJson(@JsonProperty("id") String id, @JsonProperty("severity") Severity severity,
                              @JsonProperty("confidence") Confidence confidence, @JsonProperty("title") String title,
                              @JsonProperty("explanation") String explanation, @JsonProperty("evidence") List<String> evidence,
                              @JsonProperty("explains") List<String> explains, @JsonProperty("fix") List<FixStep> fix,
                              @JsonProperty("basis") List<String> basis, @JsonProperty("clients") Map<String, String> clients) {
        Map<ClientGroup, ClientImpact> typed = new EnumMap<>(ClientGroup.class);
        if (clients != null) {
            clients.forEach((key, value) -> ClientGroup.ofKey(key).ifPresent(group -> typed.put(group, ClientImpact.ofKey(value))));
        }
        return new Diagnosis(id, severity, confidence, title, explanation, evidence == null ? List.of() : evidence,
                explains == null ? List.of() : explains, fix == null ? List.of() : fix, basis, typed);
    }

    /** What this cause does to {@code group}; unknown when the playbook does not say. */
    public ClientImpact impactOn(ClientGroup group) {
        return impacts.getOrDefault(group, ClientImpact.UNKNOWN);
    }

    /** The impact model in JSON: {@code {"mstsc": "warns", ...}} in group order. */
    @JsonProperty("clients")
    public Map<String, String> clientsByKey() {
        Map<String, String> out = new LinkedHashMap<>();
        impacts.forEach((group, impact) -> out.put(group.key(), impact.key()));
        return out;
    }

    /** How many client groups fail because of it. */
    public long failingClients() {
        return impacts.values().stream().filter(i -> i == ClientImpact.FAILS).count();
    }

    /** How many client groups see a warning because of it. */
    public long warnedClients() {
        return impacts.values().stream().filter(i -> i == ClientImpact.WARNS).count();
    }
}

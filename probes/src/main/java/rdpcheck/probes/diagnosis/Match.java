package rdpcheck.probes.diagnosis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one rule concluded: which diagnosis, the facts that fill its templates, and the evidence
 * (findings with the values seen). Severity and confidence default to the playbook's.
 */
record Match(String id, Map<String, String> facts, List<String> evidence,
             Optional<Severity> severity, Optional<Confidence> confidence) {

    Match {
        facts = Map.copyOf(facts);
        evidence = List.copyOf(evidence);
    }

    static Builder of(String id) {
        return new Builder(id);
    }

    /** Collects a match; facts keep their insertion order only for readability in tests. */
    static final class Builder {
        private final String id;
        private final Map<String, String> facts = new LinkedHashMap<>();
        private final java.util.ArrayList<String> evidence = new java.util.ArrayList<>();
        private Severity severity;
        private Confidence confidence;

        private Builder(String id) {
            this.id = id;
        }

        Builder fact(String name, Object value) {
            facts.put(name, String.valueOf(value));
            return this;
        }

        Builder evidence(String line) {
            evidence.add(line);
            return this;
        }

        Builder evidence(List<String> lines) {
            evidence.addAll(lines);
            return this;
        }

        Builder severity(Severity value) {
            severity = value;
            return this;
        }

        Builder confidence(Confidence value) {
            confidence = value;
            return this;
        }

        Match build() {
            return new Match(id, facts, evidence, Optional.ofNullable(severity), Optional.ofNullable(confidence));
        }
    }
}

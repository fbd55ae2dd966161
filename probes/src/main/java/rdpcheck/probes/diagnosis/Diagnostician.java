package rdpcheck.probes.diagnosis;

import java.util.List;

import rdpcheck.probes.CheckRun;

/**
 * Turns findings into ranked diagnoses, root cause first, and a one-sentence verdict.
 * (First cut: the rule engine and the fix-step knowledge base replace the body.)
 */
public final class Diagnostician {

    public List<Diagnosis> diagnose(CheckRun run) {
        return List.of();
    }

    public String verdict(CheckRun run, List<Diagnosis> ranked) {
        if (ranked.isEmpty()) {
            return run.target().key() + ": no diagnosis";
        }
        return run.target().key() + ": " + ranked.get(0).title();
    }
}

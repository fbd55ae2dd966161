package rdpcheck.probes.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.Findings;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.ClientOutcome;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.probes.diagnosis.Severity;

/**
 * Everything one check produced: what renderers (terminal, JSON, Slack, Discord) turn into text.
 *
 * @param diagnoses ranked, root cause first
 */
public record Report(
        Target target,
        Instant checkedAt,
        double elapsedMillis,
        String verdict,
        List<Diagnosis> diagnoses,
        Findings findings) {

    public Report {
        diagnoses = List.copyOf(diagnoses);
    }

    public static Report of(CheckRun run, Diagnostician diagnostician) {
        Diagnostician.Assessment assessment = diagnostician.assessment(run);
        return new Report(run.target(), run.startedAt(), run.elapsed().toNanos() / 1_000_000.0,
                assessment.verdict(), assessment.diagnoses(), run.findings());
    }

    /** True when something worse than information was found: the CLI's exit code 1. */
    public boolean hasProblems() {
        return diagnoses.stream().anyMatch(d -> d.severity() == Severity.CRITICAL || d.severity() == Severity.WARNING);
    }

    /** The most severe diagnosis's severity; {@code OK} when there is none. */
    public Severity worstSeverity() {
        return diagnoses.stream().map(Diagnosis::severity).min(Enum::compareTo).orElse(Severity.OK);
    }

    /**
     * Per client group, what it will do against this host and why (worst impact over all
     * diagnoses): "mstsc warns about the certificate name, FreeRDP and RD Gateway refuse".
     */
    public List<ClientOutcome> clients() {
        return ClientOutcome.of(diagnoses);
    }

    /**
     * Who can connect, in one line for every renderer ({@code mstsc fails, freerdp warns, web
     * unaffected, ...}); empty when nothing was diagnosed.
     */
    public String clientsSummary() {
        return diagnoses.isEmpty() ? "" : String.join(", ", clients().stream()
                .map(c -> c.group().key() + " " + c.impact().key()).toList());
    }

    /**
     * The colour of the whole report: {@code OK} (green) when nothing worse than information was
     * found, so a healthy host with a self-signed certificate does not show as blue "info".
     */
    public Severity headline() {
        return hasProblems() ? worstSeverity() : Severity.OK;
    }

    /** The host's facts at a glance (address, security, TLS, certificate, identity, Standard RDP Security). */
    public List<Facts.Fact> facts() {
        return Facts.of(target, findings);
    }

    /** Milliseconds per probe, in run order, and {@code total}. */
    public Map<String, Double> timings() {
        Map<String, Double> timings = new LinkedHashMap<>();
        for (Map.Entry<ProbeId<?>, ProbeOutcome> entry : findings.outcomes().entrySet()) {
            timings.put(entry.getKey().label(), entry.getValue().took().toNanos() / 1_000_000.0);
        }
        timings.put("total", elapsedMillis);
        return timings;
    }
}

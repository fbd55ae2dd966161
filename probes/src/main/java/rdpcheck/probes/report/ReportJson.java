package rdpcheck.probes.report;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOutcome;

/**
 * The JSON contract of {@code rdpcheck check --json}: one object with {@code schema},
 * {@code target}, {@code verdict}, {@code diagnoses} (id, severity, title, evidence, explains,
 * fix, basis, clients), {@code clients} (per client group: impact, the diagnosis ids behind it,
 * why), {@code findings} (per probe: status, millis, result or reason) and {@code timings},
 * documented field by field in {@link #SCHEMA_RESOURCE}. Additive changes keep
 * {@link #SCHEMA_VERSION}; a removal or a change of meaning bumps it. {@link #read} turns such an
 * object back into a {@link Report}.
 */
public final class ReportJson {

    /** The version of the contract this rdpcheck writes and reads: the {@code schema} field. */
    public static final int SCHEMA_VERSION = 1;

    /** The JSON Schema of the contract, on the class path (and in probes/src/main/resources). */
    public static final String SCHEMA_RESOURCE = "/rdpcheck/report/report.schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ReportJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The report as a tree of maps and lists, in contract order. */
    public static Map<String, Object> toTree(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA_VERSION);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("input", report.target().input());
        target.put("host", report.target().host());
        target.put("port", report.target().port());
        rdpcheck.probes.Route route = report.target().route();
        target.put("route", route instanceof rdpcheck.probes.Route.AsGateway ? "gateway"
                : route instanceof rdpcheck.probes.Route.Via ? "via" : "direct");
        if (route instanceof rdpcheck.probes.Route.Via via) {
            Map<String, Object> gateway = new LinkedHashMap<>();
            gateway.put("host", via.host());
            gateway.put("port", via.port());
            target.put("gateway", gateway);
        }
        root.put("target", target);
        root.put("checkedAt", report.checkedAt().toString());
        root.put("verdict", report.verdict());
        root.put("problems", report.hasProblems());
        root.put("diagnoses", report.diagnoses());
        root.put("clients", report.clients());
        Map<String, Object> findings = new LinkedHashMap<>();
        for (Map.Entry<ProbeId<?>, ProbeOutcome> entry : report.findings().outcomes().entrySet()) {
            findings.put(entry.getKey().label(), outcome(entry.getValue()));
        }
        root.put("findings", findings);
        root.put("timings", report.timings());
        Changes changes = report.changes();
        if (changes.previousAt().isPresent()) {
            root.put("changes", changes.items().stream().map(ReportJson::change).toList());
            Map<String, Object> compared = new LinkedHashMap<>();
            changes.previousAt().ifPresent(at -> compared.put("previous", at.toString()));
            changes.lastHealthyAt().ifPresent(at -> compared.put("lastHealthy", at.toString()));
            root.put("changesComparedWith", compared);
        }
        return root;
    }

    public static String write(Report report, boolean pretty) {
        if (!pretty) {
            Written last = LAST_WRITTEN.get();
            if (last != null && last.report() == report) {
                return last.json();
            }
        }
        try {
            Map<String, Object> tree = toTree(report);
            if (pretty) {
                return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
            }
            String json = MAPPER.writeValueAsString(tree);
            LAST_WRITTEN.set(new Written(report, json));
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report could not be written as JSON", e);
        }
    }

    /** A report and its compact JSON. */
    private record Written(Report report, String json) {
    }

    /**
     * The report this thread last wrote compact, and its JSON: the history store and the output (a fleet's
     * JSON lines, {@code check --json}) write the same report one after the other on the thread that
     * checked it, and a report is immutable, so it is serialised once. Reports are compared by identity.
     */
    private static final ThreadLocal<Written> LAST_WRITTEN = new ThreadLocal<>();

    /**
     * A report written by {@link #write} (this version or an older one of the same schema) read
     * back, with each probe's result as the probe's own result type.
     *
     * @throws IllegalArgumentException when the text is not such a report, or comes from a newer schema
     */
    public static Report read(String json) {
        return ReportReader.read(json);
    }

    private static Map<String, Object> change(Change change) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("fact", change.fact());
        node.put("before", change.before());
        node.put("after", change.after());
        node.put("since", change.since().toString());
        node.put("text", change.text());
        return node;
    }

    private static Map<String, Object> outcome(ProbeOutcome outcome) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("millis", outcome.took().toNanos() / 1_000_000.0);
        if (outcome instanceof ProbeOutcome.Completed completed) {
            node.put("status", "completed");
            node.put("result", completed.result());
        } else if (outcome instanceof ProbeOutcome.Failed failed) {
            node.put("status", "failed");
            node.put("reason", failed.reason());
        } else if (outcome instanceof ProbeOutcome.TimedOut) {
            node.put("status", "timed-out");
        } else if (outcome instanceof ProbeOutcome.Skipped skipped) {
            node.put("status", "skipped");
            node.put("reason", skipped.reason());
        }
        return node;
    }

}

package rdpcheck.probes.report;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import rdpcheck.probes.Findings;
import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.mcs.MethodReply;
import rdpcheck.probes.tls.TlsAttempt;
import rdpcheck.probes.tls.TlsOutcome;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.tls.TlsVersion;

/** Reads the JSON contract back into a {@link Report}: what history, diffs and tests build on. */
final class ReportReader {

    /** A report is a few hundred KiB at most (certificate chains); more is not one of ours. */
    static final int MAX_CHARS = 4 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            // Derived properties (acceptedVersions, nameMatches...) are output only: ignored on the way in,
            // never filled through a getter.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
            .build();

    static {
        JSON.registerSubtypes(TlsOutcome.Accepted.class, TlsOutcome.Refused.class, TlsOutcome.NotReached.class,
                MethodReply.Answered.class, MethodReply.Refused.class, MethodReply.Silent.class,
                MethodReply.Malformed.class, MethodReply.NotNegotiated.class);
        JSON.registerSubtypes(NegotiationReply.Selected.class, NegotiationReply.Refused.class,
                NegotiationReply.NoNegotiationData.class, NegotiationReply.Disconnected.class,
                NegotiationReply.NotRdp.class, NegotiationReply.Malformed.class, NegotiationReply.Silent.class,
                NegotiationReply.Closed.class, NegotiationReply.ConnectFailed.class);
    }

    /** Every probe by label (the gateway probes too): a report names each probe's result, whose type its id gives. */
    private static final Map<String, ProbeId<?>> PROBES = new LinkedHashMap<>();

    static {
        for (Probe<?> probe : Probes.all()) {
            PROBES.put(probe.id().label(), probe.id());
        }
    }

    private ReportReader() {
    }

    static Report read(String json) {
        if (json.length() > MAX_CHARS) {
            throw new IllegalArgumentException("not an rdpcheck report: more than " + MAX_CHARS + " characters");
        }
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not an rdpcheck report: not a JSON object");
            }
            int schema = root.path("schema").asInt(0);
            if (schema < 1) {
                throw new IllegalArgumentException("not an rdpcheck report: no \"schema\" number");
            }
            if (schema > ReportJson.SCHEMA_VERSION) {
                throw new IllegalArgumentException("the report has schema " + schema + "; this rdpcheck reads "
                        + ReportJson.SCHEMA_VERSION + " (it was written by a newer rdpcheck)");
            }
            JsonNode target = required(root, "target");
            Target parsed = new Target(required(target, "host").asText(), required(target, "port").asInt(),
                    required(target, "input").asText(), route(target));
            List<Diagnosis> diagnoses = new ArrayList<>();
            for (JsonNode diagnosis : required(root, "diagnoses")) {
                diagnoses.add(JSON.treeToValue(diagnosis, Diagnosis.class));
            }
            Map<ProbeId<?>, ProbeOutcome> outcomes = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = required(root, "findings").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                ProbeId<?> id = probe(entry.getKey());
                outcomes.put(id, outcome(id, entry.getValue()));
            }
            return new Report(parsed, Instant.parse(required(root, "checkedAt").asText()),
                    root.path("timings").path("total").asDouble(0), required(root, "verdict").asText(),
                    diagnoses, new Findings(outcomes));
        } catch (IOException | DateTimeParseException | IllegalStateException e) {
            throw new IllegalArgumentException("not an rdpcheck report: " + e.getMessage(), e);
        }
    }

    /** {@code direct} when absent: reports written before routes existed are direct checks. */
    private static rdpcheck.probes.Route route(JsonNode target) {
        String route = target.path("route").asText("direct");
        switch (route) {
            case "direct":
                return rdpcheck.probes.Route.DIRECT;
            case "gateway":
                return rdpcheck.probes.Route.GATEWAY;
            case "via":
                JsonNode gateway = required(target, "gateway");
                return new rdpcheck.probes.Route.Via(required(gateway, "host").asText(), required(gateway, "port").asInt());
            default:
                throw new IllegalArgumentException("not an rdpcheck report: target route \"" + route + "\"");
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("not an rdpcheck report: no \"" + field + "\"");
        }
        return value;
    }

    private static ProbeId<?> probe(String label) {
        ProbeId<?> id = PROBES.get(label);
        if (id != null) {
            return id;
        }
        throw new IllegalArgumentException("not an rdpcheck report: unknown probe \"" + label + "\"");
    }

    private static ProbeOutcome outcome(ProbeId<?> id, JsonNode node) throws IOException {
        Duration took = Duration.ofNanos(Math.round(node.path("millis").asDouble(0) * 1_000_000));
        String status = node.path("status").asText();
        switch (status) {
            case "completed":
                JsonNode result = required(node, "result");
                if (id.equals(TlsProbe.ID)) {
                    return new ProbeOutcome.Completed(tls(result), took);
                }
                return new ProbeOutcome.Completed(JSON.treeToValue(result, id.type()), took);
            case "failed":
                return new ProbeOutcome.Failed(node.path("reason").asText(), took);
            case "timed-out":
                return new ProbeOutcome.TimedOut(took);
            case "skipped":
                return new ProbeOutcome.Skipped(node.path("reason").asText());
            default:
                throw new IllegalArgumentException("not an rdpcheck report: probe " + id.label() + " has status \""
                        + status.toLowerCase(Locale.ROOT) + "\"");
        }
    }

    /** The chain is in the JSON as base64 only (the record keeps DER bytes), so TlsResult is rebuilt by hand. */
    private static TlsResult tls(JsonNode node) throws IOException {
        List<TlsAttempt> attempts = new ArrayList<>();
        for (JsonNode attempt : required(node, "attempts")) {
            attempts.add(JSON.treeToValue(attempt, TlsAttempt.class));
        }
        List<byte[]> chain = new ArrayList<>();
        for (JsonNode der : node.path("chainBase64")) {
            chain.add(Base64.getDecoder().decode(der.asText()));
        }
        Optional<TlsVersion> chainVersion = node.hasNonNull("chainVersion")
                ? Optional.of(TlsVersion.valueOf(node.get("chainVersion").asText())) : Optional.empty();
        return new TlsResult(required(node, "requestedProtocols").asInt(), attempts, chainVersion, chain);
    }
}

package rdpcheck.probes.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.Findings;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.Target;
import rdpcheck.probes.net.DnsResult;
import rdpcheck.probes.net.TcpResult;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.mcs.MethodReply;
import rdpcheck.probes.rdp.mcs.SecurityLayerResult;
import rdpcheck.probes.cert.CertificateResult;
import rdpcheck.probes.nla.CredSspResult;
import rdpcheck.probes.tls.TlsAttempt;
import rdpcheck.probes.tls.TlsOutcome;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.tls.TlsVersion;

/**
 * Check runs rebuilt from {@code check --json} output recorded against the real servers of
 * {@code /work/shared/peers}, so rules are tested on what real xrdp and FreeRDP said.
 */
final class RecordedRuns {

    private static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Derived list properties (acceptedMethods...) are output only; never fill them through the getter.
            .disable(com.fasterxml.jackson.databind.MapperFeature.USE_GETTERS_AS_SETTERS);

    static {
        JSON.registerSubtypes(TlsOutcome.Accepted.class, TlsOutcome.Refused.class, TlsOutcome.NotReached.class,
                MethodReply.Answered.class, MethodReply.Refused.class, MethodReply.Silent.class,
                MethodReply.Malformed.class, MethodReply.NotNegotiated.class);
        JSON.registerSubtypes(NegotiationReply.Selected.class, NegotiationReply.Refused.class,
                NegotiationReply.NoNegotiationData.class, NegotiationReply.Disconnected.class,
                NegotiationReply.NotRdp.class, NegotiationReply.Malformed.class, NegotiationReply.Silent.class,
                NegotiationReply.Closed.class, NegotiationReply.ConnectFailed.class);
    }

    private static final Map<ProbeId, Class<?>> RESULT_TYPES = new EnumMap<>(Map.of(
            ProbeId.DNS, DnsResult.class,
            ProbeId.TCP, TcpResult.class,
            ProbeId.NEGOTIATION, NegotiationResult.class,
            ProbeId.CERTIFICATE, CertificateResult.class,
            ProbeId.CREDSSP, CredSspResult.class,
            ProbeId.SECURITY_LAYER, SecurityLayerResult.class));

    private RecordedRuns() {
    }

    static CheckRun load(String name) {
        String path = "/rdpcheck/diagnosis/recorded/" + name + ".json";
        try (InputStream in = RecordedRuns.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no recording " + path);
            }
            JsonNode root = JSON.readTree(in);
            JsonNode target = root.get("target");
            Map<ProbeId, ProbeOutcome> outcomes = new EnumMap<>(ProbeId.class);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("findings").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                ProbeId id = ProbeId.valueOf(entry.getKey().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
                outcomes.put(id, outcome(id, entry.getValue()));
            }
            return new CheckRun(new Target(target.get("host").asText(), target.get("port").asInt(), target.get("input").asText()),
                    new Findings(outcomes), Instant.parse(root.get("checkedAt").asText()), Duration.ofMillis(100));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chain is in the JSON as base64 only (the record keeps DER bytes), so TlsResult is rebuilt by hand. */
    private static TlsResult tls(JsonNode node) throws IOException {
        List<TlsAttempt> attempts = new ArrayList<>();
        for (JsonNode attempt : node.get("attempts")) {
            attempts.add(JSON.treeToValue(attempt, TlsAttempt.class));
        }
        List<byte[]> chain = new ArrayList<>();
        for (JsonNode der : node.path("chainBase64")) {
            chain.add(Base64.getDecoder().decode(der.asText()));
        }
        Optional<TlsVersion> chainVersion = node.hasNonNull("chainVersion")
                ? Optional.of(TlsVersion.valueOf(node.get("chainVersion").asText())) : Optional.empty();
        return new TlsResult(node.get("requestedProtocols").asInt(), attempts, chainVersion, chain);
    }

    private static ProbeOutcome outcome(ProbeId id, JsonNode node) throws IOException {
        Duration took = Duration.ofNanos((long) (node.get("millis").asDouble() * 1_000_000));
        String status = node.get("status").asText();
        switch (status) {
            case "completed":
                if (id == ProbeId.TLS) {
                    return new ProbeOutcome.Completed(tls(node.get("result")), took);
                }
                Class<?> type = RESULT_TYPES.get(id);
                if (type == null) {
                    throw new IllegalStateException("no result type known for probe " + id + " yet");
                }
                return new ProbeOutcome.Completed(JSON.treeToValue(node.get("result"), type), took);
            case "failed":
                return new ProbeOutcome.Failed(node.get("reason").asText(), took);
            case "timed-out":
                return new ProbeOutcome.TimedOut(took);
            case "skipped":
                return new ProbeOutcome.Skipped(node.get("reason").asText());
            default:
                throw new IllegalStateException("unknown status " + status);
        }
    }
}

package rdpcheck.probes.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
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

/**
 * Check runs rebuilt from {@code check --json} output recorded against the real servers of
 * {@code /work/shared/peers}, so rules are tested on what real xrdp and FreeRDP said.
 */
final class RecordedRuns {

    private static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static {
        JSON.registerSubtypes(NegotiationReply.Selected.class, NegotiationReply.Refused.class,
                NegotiationReply.NoNegotiationData.class, NegotiationReply.Disconnected.class,
                NegotiationReply.NotRdp.class, NegotiationReply.Malformed.class, NegotiationReply.Silent.class,
                NegotiationReply.Closed.class, NegotiationReply.ConnectFailed.class);
    }

    private static final Map<ProbeId, Class<?>> RESULT_TYPES = new EnumMap<>(Map.of(
            ProbeId.DNS, DnsResult.class,
            ProbeId.TCP, TcpResult.class,
            ProbeId.NEGOTIATION, NegotiationResult.class));

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

    private static ProbeOutcome outcome(ProbeId id, JsonNode node) throws IOException {
        Duration took = Duration.ofNanos((long) (node.get("millis").asDouble() * 1_000_000));
        String status = node.get("status").asText();
        switch (status) {
            case "completed":
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

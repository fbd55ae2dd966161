package rdpcheck.probes.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The diagnosis ids rdpcheck can produce. Ids are a contract: JSON output, tests and users' scripts
 * read them. Each has a knowledge-base resource {@code rdpcheck/diagnosis/ID.yaml}.
 */
final class Catalogue {

    /** Every id, in the order of the connection (where the cause sits). */
    public static final List<String> IDS = List.of(
            "dns.unresolvable",
            "policy.denied",
            "tcp.refused",
            "tcp.timeout",
            "tcp.some-addresses-failing",
            "gateway.unreachable",
            "gateway.tls-failed",
            "gateway.not-rdg",
            "gateway.rpc-only",
            "gateway.cert-expired",
            "gateway.cert-name-mismatch",
            "gateway.cert-self-signed",
            "gateway.no-negotiate",
            "gateway.websocket-unavailable",
            "gateway.udp-closed",
            "rdp.not-rdp",
            "rdp.silent",
            "rdp.closed",
            "rdp.malformed",
            "rdp.legacy-server",
            "rdp.session-stalled",
            "security.ssl-not-allowed",
            "security.ssl-cert-not-on-server",
            "security.nla-required",
            "security.nla-not-enforced",
            "security.nla-not-supported",
            "security.tls-not-enforced",
            "security.weak-encryption",
            "tls.handshake-failed",
            "tls.legacy-only",
            "cert.expired",
            "cert.not-yet-valid",
            "cert.expiring-soon",
            "cert.self-signed",
            "cert.name-mismatch",
            "cert.weak-key",
            "cert.weak-signature",
            "cert.missing-server-auth",
            "nla.clock-skew",
            "credssp.update-missing",
            "latency.high",
            "udp.unavailable",
            "udp.not-rdp",
            "udp.internet-facing",
            "probe.timeout",
            "probe.failed",
            "healthy",
            "gateway.healthy");

    static final String RESOURCE_DIR = "/rdpcheck/diagnosis/";

    private static final Map<String, Playbook> CACHE = new ConcurrentHashMap<>();

    private Catalogue() {
    }

    public static boolean contains(String id) {
        return IDS.contains(id);
    }

    /** The playbook of {@code id}; a missing or broken resource is a build defect, so it throws. */
    static Playbook playbook(String id) {
        if (!contains(id)) {
            throw new IllegalArgumentException("not a catalogue id: " + id);
        }
        return CACHE.computeIfAbsent(id, Catalogue::load);
    }

    private static Playbook load(String id) {
        String path = RESOURCE_DIR + id + ".yaml";
        try (InputStream in = Catalogue.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("knowledge base resource missing: " + path);
            }
            Playbook playbook = RecordYaml.read(in, Playbook.class);
            if (!id.equals(playbook.id())) {
                throw new IllegalStateException(path + " declares id " + playbook.id());
            }
            List<String> problems = playbook.steps().stream().flatMap(step -> step.problems().stream()).toList();
            if (!problems.isEmpty()) {
                throw new IllegalStateException(path + ": " + String.join("; ", problems));
            }
            return playbook;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}

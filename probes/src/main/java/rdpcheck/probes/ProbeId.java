package rdpcheck.probes;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The probe modules and the order the protocol imposes on them: a probe starts once the probes
 * it needs have finished, and is skipped when one of them produced nothing usable.
 *
 * <p>Tls needs only the tcp probe (which picks the address), not the negotiation: it sends its own
 * X.224 requests, whose answers say whether its conversations can go on. Waiting for the
 * negotiation would cost every check two more round trips. Credssp reads the first CredSSP round
 * the tls probe's connections held after their handshakes. Security-layer does wait: only
 * servers that still accept Standard RDP Security (few) are worth its four connections, and those
 * pay one round trip more. Session reads the MCS connection the tls probe's first connection held
 * where the server selected TLS alone. Udp sends its SYN once the negotiation showed an RDP server,
 * beside the TLS conversations, so its wait for an answer costs the check no time of its own.
 */
public enum ProbeId {
    DNS(Set.of()),
    TCP(Set.of("DNS")),
    NEGOTIATION(Set.of("TCP")),
    TLS(Set.of("TCP")),
    CERTIFICATE(Set.of("TLS")),
    CREDSSP(Set.of("TLS")),
    SECURITY_LAYER(Set.of("NEGOTIATION")),
    SESSION(Set.of("TLS")),
    UDP(Set.of("NEGOTIATION"));

    private final Set<String> needs;

    ProbeId(Set<String> needs) {
        this.needs = needs;
    }

    public Set<ProbeId> needs() {
        Set<ProbeId> result = EnumSet.noneOf(ProbeId.class);
        needs.forEach(name -> result.add(valueOf(name)));
        return result;
    }

    /** The name used in JSON, timings and chat: {@code security-layer}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

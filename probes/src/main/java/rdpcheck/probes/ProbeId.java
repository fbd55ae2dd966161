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
 * where the server selected TLS alone.
 *
 * <p>The gateway probes run only when the check's route has an RD Gateway ({@link Route}). They need
 * only the dns probe: the gateway is another host (its own lookup) or the target on another port, and
 * a host that does not take RDP connections from here says nothing about its gateway.
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
    GATEWAY_TLS(Set.of("DNS")),
    GATEWAY_CERTIFICATE(Set.of("GATEWAY_TLS")),
    GATEWAY_HTTP(Set.of("GATEWAY_TLS")),
    GATEWAY_UDP(Set.of("DNS"));

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

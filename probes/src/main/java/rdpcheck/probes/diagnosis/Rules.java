package rdpcheck.probes.diagnosis;

import java.util.ArrayList;
import java.util.List;

/** The standard rule set, one list per area of the connection. */
final class Rules {

    private Rules() {
    }

    static List<Rule> standard() {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(NetworkRules.all());
        rules.addAll(GatewayRules.all());
        rules.addAll(NegotiationRules.all());
        rules.addAll(SecurityLayerRules.all());
        rules.addAll(TlsRules.all());
        rules.addAll(CertificateRules.all());
        rules.addAll(NlaRules.all());
        rules.addAll(SessionRules.all());
        rules.addAll(UdpRules.all());
        rules.addAll(ProbeRules.all());
        return List.copyOf(rules);
    }
}

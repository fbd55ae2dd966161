package rdpcheck.probes;

import java.util.List;

import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.cert.CertificateProbe;
import rdpcheck.probes.gateway.GatewayProbes;
import rdpcheck.probes.nla.CredSspProbe;
import rdpcheck.probes.rdp.mcs.SecurityLayerProbe;
import rdpcheck.probes.rdp.mcs.SessionProbe;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.udp.UdpProbe;

/**
 * The standard set of probe modules of a check. Adding a probe is its package (the probe, whose
 * {@code ID} names its result type and needs, and the result record) and one entry here; the
 * runner orders the list by the needs, and reports read back find the probe by its label here.
 */
public final class Probes {

    private Probes() {
    }

    public static List<Probe<?>> standard() {
        return List.of(new DnsProbe(), new TcpProbe(), new NegotiationProbe(), new TlsProbe(CredSspProbe.firstRound(), SessionProbe.conversation()), new CertificateProbe(),
                new CredSspProbe(), new SecurityLayerProbe(), new SessionProbe(), new UdpProbe());
    }

    public static ProbeRunner standardRunner() {
        return new ProbeRunner(standard());
    }

    /**
     * The probes for {@code target}'s route: the standard set for a direct check; the dns probe and
     * the gateway probes for an RD Gateway checked itself (no RDP on its HTTPS port); both sets for a
     * host behind a gateway. The gateway's UDP transport is asked on port 3391.
     */
    public static List<Probe<?>> forTarget(Target target) {
        return forTarget(target, Route.GATEWAY_UDP_PORT);
    }

    /** The same, with the gateway's UDP transport on {@code gatewayUdpPort} (the lab's gateways). */
    public static List<Probe<?>> forTarget(Target target, int gatewayUdpPort) {
        List<Probe<?>> gateway = GatewayProbes.of(target, gatewayUdpPort);
        if (target.route() instanceof Route.AsGateway) {
            List<Probe<?>> probes = new java.util.ArrayList<>(List.of(new DnsProbe()));
            probes.addAll(gateway);
            return List.copyOf(probes);
        }
        List<Probe<?>> probes = new java.util.ArrayList<>(standard());
        probes.addAll(gateway);
        return List.copyOf(probes);
    }

    /** Every probe module there is, one of each: what a report read back may hold. */
    public static List<Probe<?>> all() {
        List<Probe<?>> probes = new java.util.ArrayList<>(standard());
        probes.addAll(GatewayProbes.all());
        return List.copyOf(probes);
    }
}

package rdpcheck.probes;

import java.util.List;

import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.cert.CertificateProbe;
import rdpcheck.probes.nla.CredSspProbe;
import rdpcheck.probes.rdp.mcs.SecurityLayerProbe;
import rdpcheck.probes.rdp.mcs.SessionProbe;
import rdpcheck.probes.tls.TlsProbe;

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
                new CredSspProbe(), new SecurityLayerProbe(), new SessionProbe());
    }

    public static ProbeRunner standardRunner() {
        return new ProbeRunner(standard());
    }
}

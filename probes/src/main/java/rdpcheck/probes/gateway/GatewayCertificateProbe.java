package rdpcheck.probes.gateway;

import java.io.IOException;
import java.util.Optional;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.cert.CertificateResult;
import rdpcheck.probes.tls.TlsVersion;

/**
 * Analyses the chain the gateway-tls probe captured against the gateway's name as typed: the RDP
 * certificate's analysis, no connection of its own.
 */
final class GatewayCertificateProbe implements Probe<GatewayCertificate> {

    @Override
    public ProbeId<GatewayCertificate> id() {
        return GatewayProbes.CERTIFICATE;
    }

    @Override
    public GatewayCertificate run(ProbeContext context) throws ProbeException {
        GatewayTlsResult tls = context.result(GatewayProbes.TLS)
                .orElseThrow(() -> new ProbeSkipped("the gateway-tls probe has no result"));
        if (tls.chainBase64().isEmpty()) {
            throw new ProbeSkipped("no TLS handshake with the gateway got as far as its certificate");
        }
        Optional<TlsVersion> version = tls.tlsVersion().flatMap(GatewayCertificateProbe::version);
        try {
            return new GatewayCertificate(tls.gateway(), CertificateResult.analyse(tls.chain(), tls.host(),
                    context.options().clock().instant(), version, context.deadline()));
        } catch (IOException e) {
            throw new ProbeException("the gateway's certificate (" + tls.chain().get(0).length
                    + " bytes) is not a readable X.509 certificate");
        }
    }

    private static Optional<TlsVersion> version(String label) {
        return java.util.Arrays.stream(TlsVersion.values()).filter(v -> v.label().equals(label)).findFirst();
    }
}

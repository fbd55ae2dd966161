package rdpcheck.probes.cert;

import java.io.IOException;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.tls.TlsResult;

/** Analyses the certificate chain the tls probe captured; no connection of its own. */
public final class CertificateProbe implements Probe<CertificateResult> {

    public static final ProbeId<CertificateResult> ID = ProbeId.of("certificate", CertificateResult.class, TlsProbe.ID);

    @Override
    public ProbeId<CertificateResult> id() {
        return ID;
    }

    @Override
    public CertificateResult run(ProbeContext context) throws ProbeException {
        TlsResult tls = context.result(TlsProbe.ID)
                .orElseThrow(() -> new ProbeSkipped("the tls probe has no result"));
        if (tls.chain().isEmpty()) {
            throw new ProbeSkipped("no TLS handshake got as far as the server's certificate");
        }
        try {
            return CertificateAnalysis.analyze(tls.chain(), context.target().host(), context.options().clock().instant(),
                    tls.chainVersion(), context.deadline());
        } catch (IOException e) {
            byte[] leaf = tls.chain().get(0);
            throw new ProbeException("the server's certificate (" + leaf.length + " bytes, starting "
                    + rdpcheck.probes.rdp.Bytes.hexPreview(leaf, 16) + ") is not a readable X.509 certificate", e);
        }
    }
}

package rdpcheck.probes.cert;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.AssumptionViolatedException;
import org.junit.runner.RunWith;

import edu.berkeley.cs.jqf.fuzz.Fuzz;
import edu.berkeley.cs.jqf.fuzz.JQF;
import rdpcheck.probes.fuzz.DecoderFuzz;

/**
 * The certificate analysis as the certificate probe runs it, on whatever DER a server sends. In
 * the analysis's own package since it is package-private; the harness is {@link DecoderFuzz}'s.
 */
@RunWith(JQF.class)
public class CertificateFuzz {

    /** A server's certificate; unreadable ones are IOExceptions, anything else escaping is a finding. */
    @Fuzz
    public void certificate(InputStream in) throws IOException {
        byte[] der = DecoderFuzz.bytes(in);
        try {
            String.valueOf(CertificateAnalysis.analyze(List.of(der), "lab.rdpcheck.test",
                    Instant.parse("2026-12-01T00:00:00Z"), Optional.empty()));
        } catch (IOException e) {
            throw new AssumptionViolatedException("not a certificate");
        }
    }
}

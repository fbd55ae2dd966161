package rdpcheck.probes.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bouncycastle.tls.TlsClientProtocol;
import org.junit.AssumptionViolatedException;
import org.junit.runner.RunWith;

import edu.berkeley.cs.jqf.fuzz.Fuzz;
import edu.berkeley.cs.jqf.fuzz.JQF;
import rdpcheck.probes.Deadline;
import rdpcheck.probes.cert.PublicKeyLimits;
import rdpcheck.probes.fuzz.DecoderFuzz;

/**
 * The probe's TLS client against whatever a server sends after the Connection Confirm: the bytes
 * are the server's side of a TLS 1.2 handshake (seeds: ServerHello, Certificate, ServerHelloDone).
 * The property: the handshake ends in a {@link TlsFailure} whose words carry no exception text
 * (class names, "Exception"), nothing escapes as an error, and the byte budget holds.
 */
@RunWith(JQF.class)
public class TlsFuzz {

    private static final ProbeCrypto CRYPTO = new ProbeCrypto(new SecureRandom());
    private static final Pattern EXCEPTION_TEXT = Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b|\\bjava\\.|org\\.bouncycastle");

    @Fuzz
    public void serverFlight(InputStream in) throws IOException {
        byte[] server = DecoderFuzz.bytes(in);
        HandshakeBudget budget = new HandshakeBudget(new ByteArrayInputStream(server), RdpTls.HANDSHAKE_BYTE_LIMIT);
        TlsClientProtocol protocol = new TlsClientProtocol(budget, OutputStream.nullOutputStream());
        ProbeTlsClient client = new ProbeTlsClient(CRYPTO, EnumSet.of(TlsVersion.TLS_1_2), Optional.empty());
        try {
            PublicKeyLimits.withinBounds(() -> {
                protocol.connect(client);
                return null;
            });
        } catch (Exception e) {
            TlsFailure failure = RdpTls.classify(e, client, budget, Deadline.after(Duration.ofMinutes(1)), 0);
            if (EXCEPTION_TEXT.matcher(failure.detail()).find()) {
                throw new AssertionError("exception text in the finding: " + failure.detail(), e);
            }
            DecoderFuzz.check(budget.total() <= RdpTls.HANDSHAKE_BYTE_LIMIT, "read past the handshake budget");
            throw new AssumptionViolatedException(failure.kind().name());
        }
    }
}

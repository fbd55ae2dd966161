package rdpcheck.probes.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Vector;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsDHGroupVerifier;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import rdpcheck.probes.cert.PublicKeyLimits;

/**
 * A TLS client that offers exactly the versions asked for with every suite it can, trusts any
 * certificate (the certificate probe judges it afterwards) and remembers the chain.
 */
final class ProbeTlsClient extends DefaultTlsClient {

    /** DHE groups down to 1024 bits are accepted: a probe reports a weak group, it does not refuse it. */
    private static final int MIN_DH_BITS = 1024;

    private final ProtocolVersion[] versions;
    private final int[] suites;
    private final Optional<String> serverName;
    private volatile List<byte[]> chain = List.of();
    private volatile short alertReceived = -1;
    private volatile int selectedSuite = -1;
    private final boolean stopAtServerHello;
    private volatile boolean serverHelloSeen;
    private volatile String keyRefused;

    ProbeTlsClient(BcTlsCrypto crypto, Set<TlsVersion> offered, Optional<String> serverName) {
        this(crypto, offered, serverName, false);
    }

    /**
     * @param stopAtServerHello break the handshake off (alert user_canceled) as soon as the server's
     *                          hello has said which version and suite it takes: all a version leg needs
     */
    ProbeTlsClient(BcTlsCrypto crypto, Set<TlsVersion> offered, Optional<String> serverName, boolean stopAtServerHello) {
        super(crypto);
        this.stopAtServerHello = stopAtServerHello;
        List<TlsVersion> newestFirst = new ArrayList<>(offered);
        Collections.sort(newestFirst, Collections.reverseOrder());
        this.versions = newestFirst.stream().map(TlsVersion::protocolVersion).toArray(ProtocolVersion[]::new);
        this.suites = CipherSuites.broad(crypto, offered);
        this.serverName = serverName;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions.clone();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return suites.clone();
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
        if (serverName.isEmpty()) {
            return null; // BC's contract: null means no server_name extension
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, serverName.get().getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    @Override
    public TlsDHGroupVerifier getDHGroupVerifier() {
        return new DefaultTlsDHGroupVerifier(MIN_DH_BITS);
    }

    /** The certificate's own signature (SHA-1, MD5) is for the certificate probe to judge, not a reason to abort. */
    @Override
    public boolean shouldCheckSigAlgOfPeerCerts() {
        return false;
    }

    @Override
    public void notifySelectedCipherSuite(int selectedCipherSuite) {
        super.notifySelectedCipherSuite(selectedCipherSuite);
        selectedSuite = selectedCipherSuite;
    }

    /** Called once the ServerHello (in TLS 1.3: with the EncryptedExtensions) has been read. */
    @Override
    public void processServerExtensions(java.util.Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        if (stopAtServerHello && selectedSuite >= 0) {
            serverHelloSeen = true;
            throw new org.bouncycastle.tls.TlsFatalAlert(org.bouncycastle.tls.AlertDescription.user_canceled,
                    "the ServerHello answered the question; the handshake goes no further");
        }
    }

    boolean serverHelloSeen() {
        return serverHelloSeen;
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertLevel == AlertLevel.fatal) {
            alertReceived = alertDescription;
        }
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                TlsCertificate[] list = serverCertificate.getCertificate().getCertificateList();
                List<byte[]> der = new ArrayList<>(list.length);
                for (TlsCertificate certificate : list) {
                    der.add(certificate.getEncoded());
                }
                chain = List.copyOf(der);
                if (list.length > 0) {
                    // Before BC computes anything with the key (the ServerKeyExchange or CertificateVerify
                    // signature, the premaster encryption): a key built to burn CPU is refused, as OpenSSL does.
                    // BC has parsed the certificate already (its crypto's own type): not parsed again here
                    org.bouncycastle.asn1.x509.Certificate leaf = list[0] instanceof BcTlsCertificate parsed
                            ? parsed.getCertificate() : org.bouncycastle.asn1.x509.Certificate.getInstance(der.get(0));
                    Optional<String> problem = PublicKeyLimits.problem(leaf.getSubjectPublicKeyInfo());
                    if (problem.isPresent()) {
                        keyRefused = problem.get();
                        throw new TlsFatalAlert(AlertDescription.unsupported_certificate, problem.get());
                    }
                }
            }

            @Override
            public TlsCredentials getClientCredentials(org.bouncycastle.tls.CertificateRequest request) {
                return null; // no client certificate: BC's contract for "none"
            }
        };
    }

    List<byte[]> chain() {
        return chain;
    }

    short alertReceived() {
        return alertReceived;
    }

    /** Why the server's key was refused before any arithmetic with it, when it was. */
    Optional<String> keyRefused() {
        return Optional.ofNullable(keyRefused);
    }

    int selectedSuite() {
        return selectedSuite;
    }

    /** The version the server chose; valid once the handshake is done. */
    ProtocolVersion negotiatedVersion() {
        return context.getServerVersion();
    }

    int offeredSuites() {
        return suites.length;
    }
}

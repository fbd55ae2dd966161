package rdpcheck.lab;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedDecryptor;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import rdpcheck.probes.tls.CipherSuites;
import rdpcheck.probes.tls.TlsVersion;

/** A BC TLS server with one certificate and a fixed set of versions, choosing suites that fit its key. */
final class LabTlsServer extends DefaultTlsServer {

    private static final BcTlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());

    private final LabCertificate certificate;
    private final ProtocolVersion[] versions;
    private final int[] suites;

    LabTlsServer(LabCertificate certificate, Set<TlsVersion> allowed) {
        super(CRYPTO);
        this.certificate = certificate;
        List<TlsVersion> newestFirst = new ArrayList<>(allowed);
        Collections.sort(newestFirst, Collections.reverseOrder());
        this.versions = newestFirst.stream().map(TlsVersion::protocolVersion).toArray(ProtocolVersion[]::new);
        String keyExchange = certificate.isEc() ? "_ECDSA_" : "_RSA_";
        this.suites = java.util.Arrays.stream(CipherSuites.broad(CRYPTO, allowed))
                .filter(s -> {
                    String name = CipherSuites.name(s);
                    return !name.contains("_WITH_") || name.contains(keyExchange) || (!certificate.isEc()
                            && name.startsWith("TLS_RSA_WITH_"));
                })
                .toArray();
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
    public TlsCredentials getCredentials() throws IOException {
        ProtocolVersion version = context.getServerVersion();
        TlsCryptoParameters parameters = new TlsCryptoParameters(context);
        if (TlsUtils.isTLSv13(version)) {
            return new BcDefaultTlsCredentialedSigner(parameters, CRYPTO, certificate.privateKey(), chain(true),
                    signature13());
        }
        int keyExchange = context.getSecurityParametersHandshake().getKeyExchangeAlgorithm();
        if (keyExchange == KeyExchangeAlgorithm.RSA) {
            return new BcDefaultTlsCredentialedDecryptor(CRYPTO, chain(false), certificate.privateKey());
        }
        SignatureAndHashAlgorithm algorithm = TlsUtils.isTLSv12(version)
                ? new SignatureAndHashAlgorithm(HashAlgorithm.sha256,
                        certificate.isEc() ? SignatureAlgorithm.ecdsa : SignatureAlgorithm.rsa)
                : null; // TLS 1.0/1.1 sign with the fixed MD5+SHA-1 (RSA) or SHA-1 (ECDSA) construction
        return new BcDefaultTlsCredentialedSigner(parameters, CRYPTO, certificate.privateKey(), chain(false), algorithm);
    }

    /** TLS 1.3 names the curve in the scheme, and RSA keys sign with PSS. */
    private SignatureAndHashAlgorithm signature13() {
        if (!certificate.isEc()) {
            return SignatureAndHashAlgorithm.rsa_pss_rsae_sha256;
        }
        ECPrivateKeyParameters key = (ECPrivateKeyParameters) certificate.privateKey();
        int bits = key.getParameters().getCurve().getFieldSize();
        // ecdsa_secpXXXr1_shaXXX share their code points with TLS 1.2's (hash, ecdsa) pairs
        short hash = bits > 384 ? HashAlgorithm.sha512 : bits > 256 ? HashAlgorithm.sha384 : HashAlgorithm.sha256;
        return new SignatureAndHashAlgorithm(hash, SignatureAlgorithm.ecdsa);
    }

    private Certificate chain(boolean tls13) throws IOException {
        List<byte[]> der = certificate.chainDer();
        if (tls13) {
            CertificateEntry[] entries = new CertificateEntry[der.size()];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = new CertificateEntry(new BcTlsCertificate(CRYPTO, der.get(i)), null);
            }
            return new Certificate(TlsUtils.EMPTY_BYTES, entries);
        }
        TlsCertificate[] list = new TlsCertificate[der.size()];
        for (int i = 0; i < list.length; i++) {
            list[i] = new BcTlsCertificate(CRYPTO, der.get(i));
        }
        return new Certificate(list);
    }
}

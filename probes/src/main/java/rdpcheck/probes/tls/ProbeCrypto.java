package rdpcheck.probes.tls;

import java.io.IOException;
import java.security.SecureRandom;

import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BC's lightweight TLS crypto, except that server certificates are not held to their KeyUsage
 * extension. The certificate Windows makes for RDP (and xrdp's usual one) has KeyUsage
 * keyEncipherment + dataEncipherment only, yet signs ECDHE key exchanges; SChannel and OpenSSL
 * clients accept that, BC would abort with certificate_unknown. A probe must see what mstsc sees.
 */
final class ProbeCrypto extends BcTlsCrypto {

    ProbeCrypto(SecureRandom random) {
        super(random);
    }

    @Override
    public TlsCertificate createCertificate(byte[] encoding) throws IOException {
        return new KeyUsageBlind(this, encoding);
    }

    @Override
    public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
        return type == CertificateType.X509 ? new KeyUsageBlind(this, encoding) : super.createCertificate(type, encoding);
    }

    /** A certificate that allows every key usage; the certificate probe reports the extension instead. */
    private static final class KeyUsageBlind extends BcTlsCertificate {
        KeyUsageBlind(BcTlsCrypto crypto, byte[] encoding) throws IOException {
            super(crypto, encoding);
        }

        @Override
        protected boolean supportsKeyUsage(int keyUsageBit) {
            return true;
        }
    }
}

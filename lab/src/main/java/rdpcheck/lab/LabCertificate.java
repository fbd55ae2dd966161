package rdpcheck.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyParameters;

/**
 * A certificate chain (leaf first, issuers after it, as a server sends it) and the leaf's private
 * key, made by {@link LabCertificates} for lab servers and tests.
 */
public record LabCertificate(List<X509CertificateHolder> chain, AsymmetricKeyParameter privateKey) {

    public LabCertificate {
        chain = List.copyOf(chain);
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chain has at least the leaf");
        }
        if (!privateKey.isPrivate()) {
            throw new IllegalArgumentException("the key must be the private one");
        }
    }

    public X509CertificateHolder leaf() {
        return chain.get(0);
    }

    public boolean isEc() {
        return privateKey instanceof ECKeyParameters;
    }

    /** The leaf DER encoded. */
    /** SHA-1 of the leaf's DER, upper-case hex: what Windows shows and the report's thumbprint is. */
    public String sha1Thumbprint() {
        try {
            return java.util.HexFormat.of().withUpperCase().formatHex(
                    java.security.MessageDigest.getInstance("SHA-1").digest(leafDer()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    public byte[] leafDer() {
        return encode(leaf());
    }

    /** Every certificate of the chain, DER, leaf first. */
    public List<byte[]> chainDer() {
        List<byte[]> der = new ArrayList<>(chain.size());
        chain.forEach(c -> der.add(encode(c)));
        return der;
    }

    /** This leaf followed by {@code issuer}'s chain: what a server with a CA-issued certificate sends. */
    public LabCertificate withIssuerChain(LabCertificate issuer) {
        List<X509CertificateHolder> all = new ArrayList<>(chain);
        all.addAll(issuer.chain());
        return new LabCertificate(all, privateKey);
    }

    private static byte[] encode(X509CertificateHolder holder) {
        try {
            return holder.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

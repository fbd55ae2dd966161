package rdpcheck.probes.cert;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.cert.X509CertificateHolder;

import rdpcheck.probes.Deadline;

import rdpcheck.probes.tls.TlsVersion;

/** Judges a certificate chain against a moment and a target name. Pure: no I/O, the clock is given. */
final class CertificateAnalysis {

    /** Certificates of a chain that are read; real chains have two to four. */
    public static final int MAX_CHAIN = 10;

    private static final Set<String> WEAK_HASHES = Set.of("MD2", "MD4", "MD5", "SHA-1");

    private CertificateAnalysis() {
    }

    /**
     * @param chain  leaf first, DER, as the server sent it (not empty)
     * @param target the host the user typed (DNS name or IP literal)
     * @param now    the check's "now"
     * @throws IOException the leaf is not a readable certificate
     */
    public static CertificateResult analyze(List<byte[]> chain, String target, Instant now, Optional<TlsVersion> from)
            throws IOException {
        return analyze(chain, target, now, from, Deadline.after(Duration.ofDays(1)));
    }

    /**
     * The same, where signature checks stop at {@code deadline} (an unchecked link counts as not
     * in order) and only the first {@link #MAX_CHAIN} certificates are read: a chain is a handful
     * of certificates, and a server that sends hundreds gets no signature check on each.
     */
    public static CertificateResult analyze(List<byte[]> chain, String target, Instant now, Optional<TlsVersion> from,
                                            Deadline deadline) throws IOException {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate to analyse");
        }
        List<X509CertificateHolder> holders = new ArrayList<>();
        holders.add(Certificates.parse(chain.get(0)));
        CertificateFacts leaf = Certificates.inspect(holders.get(0), chain.get(0));
        List<CertificateFacts> issuers = new ArrayList<>();
        for (byte[] der : chain.subList(1, Math.min(chain.size(), MAX_CHAIN))) {
            try {
                X509CertificateHolder holder = Certificates.parse(der);
                issuers.add(Certificates.inspect(holder, der));
                holders.add(holder);
            } catch (IOException e) {
                break; // an unreadable intermediate ends what can be said about the chain
            }
        }
        boolean ordered = holders.size() == chain.size();
        for (int i = 0; ordered && i + 1 < holders.size(); i++) {
            ordered = !deadline.expired() && !Thread.currentThread().isInterrupted()
                    && Certificates.signedBy(holders.get(i), holders.get(i + 1).getSubjectPublicKeyInfo());
        }

        boolean expired = now.isAfter(leaf.notAfter());
        boolean notYetValid = now.isBefore(leaf.notBefore());
        long daysUntilExpiry = Duration.between(now, leaf.notAfter()).toDays();
        long daysPastExpiry = expired ? Duration.between(leaf.notAfter(), now).toDays() : 0;
        long daysUntilValid = notYetValid ? Duration.between(now, leaf.notBefore()).toDays() : 0;
        boolean expiringSoon = !expired && !notYetValid
                && !leaf.notAfter().isAfter(now.plus(Duration.ofDays(CertificateResult.EXPIRING_SOON_DAYS)));

        NameMatch name = HostnameMatcher.match(target, leaf);
        Optional<String> weakKey = weakKey(leaf);
        Optional<String> weakSignature = weakSignature(leaf, issuers);
        boolean missingServerAuth = leaf.ekuPresent() && leaf.extendedKeyUsages().stream()
                .noneMatch(e -> e.equals("serverAuth") || e.equals("remoteDesktopAuth") || e.equals("anyExtendedKeyUsage"));

        return new CertificateResult(leaf, issuers, from, now, expired, daysPastExpiry, notYetValid, daysUntilValid,
                expiringSoon, daysUntilExpiry, leaf.selfSigned(), name, name.matches(), weakKey.isPresent(), weakKey,
                weakSignature.isPresent(), weakSignature, missingServerAuth, ordered);
    }

    static Optional<String> weakKey(CertificateFacts leaf) {
        String algorithm = leaf.keyAlgorithm();
        int bits = leaf.keyBits();
        if (bits <= 0) {
            return Optional.empty(); // size unknown (a curve BC does not know, DSA with inherited parameters): not "weak"
        }
        if ((algorithm.equals("RSA") || algorithm.equals("DSA")) && bits < CertificateResult.MIN_RSA_BITS) {
            return Optional.of(algorithm + " " + bits + " bits is under " + CertificateResult.MIN_RSA_BITS);
        }
        if (algorithm.equals("EC") && bits < CertificateResult.MIN_EC_BITS) {
            return Optional.of("EC " + leaf.curve().orElse("") + " " + bits + " bits is under " + CertificateResult.MIN_EC_BITS);
        }
        return Optional.empty();
    }

    /**
     * The leaf's and intermediates' signatures count; a root's own signature is never checked by
     * clients, and neither is a self-signed leaf's (Windows' own RDP certificate on 2008 R2 is
     * SHA-1): it is trusted as itself or not at all, whatever its hash.
     */
    static Optional<String> weakSignature(CertificateFacts leaf, List<CertificateFacts> issuers) {
        if (!leaf.selfSigned() && WEAK_HASHES.contains(leaf.signatureHash())) {
            return Optional.of("the server certificate is signed with " + leaf.signatureAlgorithm()
                    + " (" + leaf.signatureHash() + ")");
        }
        for (CertificateFacts issuer : issuers) {
            if (!issuer.selfSigned() && WEAK_HASHES.contains(issuer.signatureHash())) {
                return Optional.of("intermediate " + issuer.subject() + " is signed with " + issuer.signatureAlgorithm());
            }
        }
        return Optional.empty();
    }
}

package rdpcheck.probes.cert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.tls.TlsVersion;

/**
 * What the certificate probe concluded about the server's certificate (the leaf) and its chain,
 * with every judgement as a ready boolean or number for rules, and the facts they rest on.
 *
 * @param leaf                the server's certificate
 * @param issuers             the rest of the chain as sent, in order (often empty: Windows sends only a self-signed leaf)
 * @param fromVersion         the TLS handshake the chain came from
 * @param checkedAt           "now" of the check ({@code ProbeOptions.clock()})
 * @param expired             now is after notAfter
 * @param daysPastExpiry      whole days since notAfter (0 when not expired)
 * @param notYetValid         now is before notBefore
 * @param daysUntilValid      whole days until notBefore (0 when already valid)
 * @param expiringSoon        valid now and notAfter is within {@link #EXPIRING_SOON_DAYS} days
 * @param daysUntilExpiry     whole days until notAfter (negative once expired)
 * @param selfSigned          issuer equals subject and the signature verifies with its own key
 * @param name                the name check against what the user typed
 * @param nameMatches         {@code name.matches()}
 * @param weakKey             RSA or DSA under 2048 bits, EC under 224 bits
 * @param weakKeyReason       why, e.g. {@code RSA 1024 bits is under 2048}
 * @param weakSignature       the leaf (or an intermediate) is signed with MD2, MD4, MD5 or SHA-1
 * @param weakSignatureReason which certificate and which algorithm
 * @param missingServerAuth   the leaf has an EKU extension listing neither serverAuth, Remote Desktop
 *                            Authentication (1.3.6.1.4.1.311.54.1.2, which mstsc accepts instead) nor anyExtendedKeyUsage
 * @param chainOrdered        every certificate of the chain is signed by the one after it
 */
public record CertificateResult(
        CertificateFacts leaf,
        List<CertificateFacts> issuers,
        Optional<TlsVersion> fromVersion,
        Instant checkedAt,
        boolean expired,
        long daysPastExpiry,
        boolean notYetValid,
        long daysUntilValid,
        boolean expiringSoon,
        long daysUntilExpiry,
        boolean selfSigned,
        NameMatch name,
        boolean nameMatches,
        boolean weakKey,
        Optional<String> weakKeyReason,
        boolean weakSignature,
        Optional<String> weakSignatureReason,
        boolean missingServerAuth,
        boolean chainOrdered) {

    public static final int EXPIRING_SOON_DAYS = 30;
    public static final int MIN_RSA_BITS = 2048;
    public static final int MIN_EC_BITS = 224;

    public CertificateResult {
        issuers = List.copyOf(issuers);
    }

    /**
     * Judges {@code chain} (leaf first, DER, as the server sent it) against {@code name} (the host as
     * typed) at {@code now}: the analysis the certificate probe gives the RDP listener's certificate,
     * for any other TLS endpoint of a check (an RD Gateway's). Signature checks stop at {@code deadline}.
     *
     * @throws java.io.IOException the leaf is not a readable certificate
     */
    public static CertificateResult analyse(List<byte[]> chain, String name, Instant now, Optional<TlsVersion> from,
                                            rdpcheck.probes.Deadline deadline) throws java.io.IOException {
        return CertificateAnalysis.analyze(chain, name, now, from, deadline);
    }

    /** Valid now: neither expired nor not yet valid. */
    public boolean withinValidity() {
        return !expired && !notYetValid;
    }

    /**
     * The facts as evidence lines, e.g. {@code valid 2026-04-28T03:06:14Z to 2026-10-25T03:06:14Z: expired 30 days ago}.
     * Every line stands alone, so a rule can quote the ones it rests on.
     */
    public List<String> describe() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("subject " + leaf.subject() + ", issuer " + leaf.issuer() + (selfSigned ? " (self-signed)" : ""));
        String validity = "valid " + leaf.notBefore() + " to " + leaf.notAfter();
        if (expired) {
            validity += ": expired " + expiredAgo() + " ago";
        } else if (notYetValid) {
            validity += ": not valid for another " + validIn();
        } else if (expiringSoon) {
            validity += ": expires in " + expiresIn();
        }
        lines.add(validity + " (checked at " + checkedAt + ")");
        lines.add("names: " + name.describe());
        lines.add("key " + leaf.keyDescription() + weakKeyReason.map(r -> " (weak: " + r + ")").orElse("")
                + ", signature " + leaf.signatureAlgorithm() + weakSignatureReason.map(r -> " (weak: " + r + ")").orElse(""));
        if (leaf.ekuPresent()) {
            lines.add("extended key usage " + String.join(", ", leaf.extendedKeyUsages())
                    + (missingServerAuth ? " (no serverAuth)" : ""));
        }
        lines.add("SHA-1 thumbprint " + leaf.sha1Thumbprint() + ", serial " + leaf.serialNumber());
        return lines;
    }

    /** How long before {@link #checkedAt} the leaf expired, in words: {@code 30 days}, {@code 5 hours}, {@code 12 minutes}. */
    public String expiredAgo() {
        return span(java.time.Duration.between(leaf.notAfter(), checkedAt));
    }

    /** How long after {@link #checkedAt} the leaf expires, in words (for a leaf still valid). */
    public String expiresIn() {
        return span(java.time.Duration.between(checkedAt, leaf.notAfter()));
    }

    /** How long after {@link #checkedAt} the leaf becomes valid, in words (for a leaf not yet valid). */
    public String validIn() {
        return span(java.time.Duration.between(checkedAt, leaf.notBefore()));
    }

    /**
     * Whole days, or hours under a day: a certificate that expired an hour ago must not read
     * "expired 0 days ago" to someone deciding whether it is the cause.
     */
    static String span(java.time.Duration duration) {
        long days = duration.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = duration.toHours();
        if (hours >= 1) {
            return hours + (hours == 1 ? " hour" : " hours");
        }
        long minutes = Math.max(1, duration.toMinutes());
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    /** The leaf's SHA-1 thumbprint as Windows shows it (and {@code SSLCertificateSHA1Hash} holds). */
    public String thumbprint() {
        return leaf.sha1Thumbprint();
    }
}

package rdpcheck.probes.diagnosis;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import rdpcheck.probes.cert.CertificateFacts;
import rdpcheck.probes.cert.CertificateResult;
import rdpcheck.probes.cert.CertificateProbe;

/** Rules on the certificate the server presents for RDP's TLS (the certificate probe's judgements). */
final class CertificateRules {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private CertificateRules() {
    }

    static List<Rule> all() {
        return List.of(CertificateRules::expired, CertificateRules::notYetValid, CertificateRules::expiringSoon,
                CertificateRules::selfSigned, CertificateRules::nameMismatch, CertificateRules::weakKey,
                CertificateRules::weakSignature, CertificateRules::missingServerAuth);
    }

    static Optional<Match> expired(Observations seen) {
        return build(seen, "cert.expired", CertificateResult::expired, (c, m) -> m
                .fact("expiredAgo", c.expiredAgo()));
    }

    static Optional<Match> notYetValid(Observations seen) {
        return build(seen, "cert.not-yet-valid", CertificateResult::notYetValid, (c, m) -> m
                .fact("notBefore", DATE.format(c.leaf().notBefore())));
    }

    static Optional<Match> expiringSoon(Observations seen) {
        return build(seen, "cert.expiring-soon", CertificateResult::expiringSoon, (c, m) -> m
                .fact("expiresIn", c.expiresIn()));
    }

    static Optional<Match> selfSigned(Observations seen) {
        return build(seen, "cert.self-signed", CertificateResult::selfSigned, (c, m) -> m);
    }

    static Optional<Match> nameMismatch(Observations seen) {
        return build(seen, "cert.name-mismatch", c -> !c.nameMatches(), (c, m) -> m
                .fact("typed", c.name().target())
                .fact("names", namesToConnectWith(c))
                .fact("connectName", nameToConnectWith(c))
                .evidence("name check: " + c.name().describe()));
    }

    /**
     * The names a user could type instead. For an IP target the certificate's DNS names (or its CN,
     * when it has no SAN) are what to connect with, even though they cannot match the IP itself.
     */
    static String namesToConnectWith(CertificateResult c) {
        if (!c.name().presentedNames().isEmpty()) {
            return String.join(", ", c.name().presentedNames());
        }
        java.util.List<String> names = new java.util.ArrayList<>(c.leaf().sanDnsNames());
        if (names.isEmpty()) {
            c.leaf().commonName().ifPresent(names::add);
        }
        return names.isEmpty() ? "no name at all" : String.join(", ", names);
    }

    /** One name to put in the mstsc command: the first that is not a wildcard, or a named placeholder. */
    static String nameToConnectWith(CertificateResult c) {
        java.util.List<String> names = new java.util.ArrayList<>(c.name().presentedNames());
        names.addAll(c.leaf().sanDnsNames());
        c.leaf().commonName().ifPresent(names::add);
        return names.stream().filter(n -> !n.contains("*") && !n.isBlank()).findFirst()
                .or(() -> names.stream().filter(n -> n.startsWith("*.")).findFirst().map(n -> "<host name>" + n.substring(1)))
                .orElse("<a name the certificate carries>");
    }

    static Optional<Match> weakKey(Observations seen) {
        return build(seen, "cert.weak-key", CertificateResult::weakKey, (c, m) -> m
                .fact("key", c.weakKeyReason().orElse(c.leaf().keyDescription())));
    }

    static Optional<Match> weakSignature(Observations seen) {
        return build(seen, "cert.weak-signature", CertificateResult::weakSignature, (c, m) -> m
                .fact("signature", c.weakSignatureReason().orElse(c.leaf().signatureAlgorithm())));
    }

    static Optional<Match> missingServerAuth(Observations seen) {
        return build(seen, "cert.missing-server-auth", CertificateResult::missingServerAuth, (c, m) -> m
                .fact("eku", String.join(", ", c.leaf().extendedKeyUsages())));
    }

    /** A match for {@code id} when {@code test} holds, with the facts every certificate diagnosis shares. */
    static Optional<Match> build(Observations seen, String id, Predicate<CertificateResult> test,
                                 java.util.function.BiFunction<CertificateResult, Match.Builder, Match.Builder> extra) {
        return seen.result(CertificateProbe.ID).filter(test).map(c -> {
            CertificateFacts leaf = c.leaf();
            Match.Builder builder = seen.match(id)
                    .fact("subject", subject(leaf))
                    .fact("origin", c.selfSigned() ? "self-signed" : "issued by " + issuerName(leaf))
                    .fact("selfSigned", c.selfSigned() ? "yes" : "no")
                    .fact("notAfter", DATE.format(leaf.notAfter()))
                    .fact("thumbprint", c.thumbprint())
                    .evidence(describe(c));
            return extra.apply(c, builder).build();
        });
    }

    static String subject(CertificateFacts leaf) {
        return leaf.commonName().map(cn -> "CN=" + cn).orElse(leaf.subject());
    }

    static String issuerName(CertificateFacts leaf) {
        return leaf.issuer();
    }

    /** One evidence line: who, by whom, validity against the time of the check, thumbprint. */
    static String describe(CertificateResult c) {
        CertificateFacts leaf = c.leaf();
        String validity;
        if (c.expired()) {
            validity = "expired " + c.expiredAgo() + " before the check";
        } else if (c.notYetValid()) {
            validity = "not valid for another " + c.validIn();
        } else {
            validity = "valid for another " + c.expiresIn();
        }
        return "certificate: " + leaf.subject() + (c.selfSigned() ? ", self-signed" : ", issued by " + leaf.issuer())
                + ", valid " + DATE.format(leaf.notBefore()) + " to " + DATE.format(leaf.notAfter()) + " (" + validity
                + " at " + DATE.format(c.checkedAt()) + "), " + leaf.keyDescription() + ", " + leaf.signatureAlgorithm()
                + ", SHA-1 thumbprint " + c.thumbprint()
                + c.fromVersion().map(v -> ", seen over " + v.label()).orElse("");
    }
}

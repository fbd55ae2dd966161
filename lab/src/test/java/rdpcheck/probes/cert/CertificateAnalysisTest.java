package rdpcheck.probes.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import rdpcheck.lab.LabCertificate;
import rdpcheck.lab.LabCertificates;

/** Certificate analysis on Bouncy Castle-generated certificates with known flaws. */
class CertificateAnalysisTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final LabCertificate CA = LabCertificates.builder("Test Root CA").ca().keySlot("ca")
            .validity(NOW.minus(Duration.ofDays(1000)), NOW.plus(Duration.ofDays(3000))).build();

    private static LabCertificates.Builder leaf(String cn) {
        return LabCertificates.builder(cn).validity(NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(200)));
    }

    private static CertificateResult analyze(LabCertificate certificate, String target) throws IOException {
        return CertificateAnalysis.analyze(certificate.chainDer(), target, NOW, Optional.empty());
    }

    @Test
    void analyze_expired40DaysAgo_reportsExpiredWithDays() throws IOException {
        LabCertificate cert = leaf("rdp01").dns("rdp01")
                .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(40)).minusSeconds(5)).build();
        CertificateResult result = analyze(cert, "rdp01");
        assertTrue(result.expired());
        assertEquals(40, result.daysPastExpiry());
        assertFalse(result.notYetValid());
        assertFalse(result.expiringSoon());
        assertFalse(result.withinValidity());
        assertEquals(-40, result.daysUntilExpiry());
    }

    @Test
    void describe_expiredSelfSigned_linesCarryDatesDaysAndThumbprint() throws IOException {
        LabCertificate cert = leaf("rdp01").dns("rdp01")
                .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(40)).minusSeconds(5)).build();
        CertificateResult result = analyze(cert, "rdp02");
        List<String> lines = result.describe();
        assertEquals("subject CN=rdp01, issuer CN=rdp01 (self-signed)", lines.get(0));
        assertTrue(lines.get(1).endsWith(": expired 40 days ago (checked at 2026-11-24T12:00:00Z)"), lines.get(1));
        assertEquals("names: rdp02 is not among the certificate's names [rdp01]", lines.get(2));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("SHA-1 thumbprint " + result.thumbprint())), lines.toString());
    }

    @Test
    void analyze_notYetValid_reportsDaysUntilValid() throws IOException {
        LabCertificate cert = leaf("rdp01").dns("rdp01")
                .validity(NOW.plus(Duration.ofDays(3)).plusSeconds(60), NOW.plus(Duration.ofDays(300))).build();
        CertificateResult result = analyze(cert, "rdp01");
        assertTrue(result.notYetValid());
        assertEquals(3, result.daysUntilValid());
        assertFalse(result.expired());
        assertFalse(result.expiringSoon(), "a certificate that is not valid yet is not 'expiring soon'");
    }

    @Test
    void analyze_expiresIn12Days_isExpiringSoonNotExpired() throws IOException {
        LabCertificate cert = leaf("rdp01").dns("rdp01")
                .validity(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(12)).plusSeconds(60)).build();
        CertificateResult result = analyze(cert, "rdp01");
        assertTrue(result.expiringSoon());
        assertFalse(result.expired());
        assertEquals(12, result.daysUntilExpiry());
    }

    @Test
    void analyze_expiresIn31Days_isNotExpiringSoon() throws IOException {
        LabCertificate cert = leaf("rdp01").dns("rdp01")
                .validity(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(31))).build();
        assertFalse(analyze(cert, "rdp01").expiringSoon());
    }

    @Test
    void analyze_selfSigned_isSelfSigned() throws IOException {
        CertificateResult result = analyze(leaf("RDP01").dns("rdp01").build(), "rdp01");
        assertTrue(result.selfSigned());
        assertTrue(result.leaf().selfIssued());
        assertTrue(result.chainOrdered());
    }

    @Test
    void analyze_caIssued_isNotSelfSignedAndChainOrdered() throws IOException {
        LabCertificate cert = leaf("rdp01.corp").dns("rdp01.corp").issuedBy(CA).build().withIssuerChain(CA);
        CertificateResult result = analyze(cert, "rdp01.corp");
        assertFalse(result.selfSigned());
        assertTrue(result.chainOrdered());
        assertEquals(1, result.issuers().size());
        assertTrue(result.issuers().get(0).selfSigned());
        assertTrue(result.issuers().get(0).ca());
        assertEquals("CN=Test Root CA", result.leaf().issuer());
    }

    @Test
    void analyze_issuerEqualsSubjectButSignedByOtherKey_isNotSelfSigned() throws IOException {
        LabCertificate sameNameCa = LabCertificates.builder("rdp01").ca().keySlot("other").build();
        LabCertificate cert = leaf("rdp01").dns("rdp01").issuedBy(sameNameCa).build();
        CertificateResult result = analyze(cert, "rdp01");
        assertTrue(result.leaf().selfIssued());
        assertFalse(result.selfSigned(), "the signature does not verify with its own key");
    }

    @Test
    void analyze_wrongChainOrder_isNotOrdered() throws IOException {
        LabCertificate other = LabCertificates.builder("Other CA").ca().keySlot("other").build();
        LabCertificate cert = leaf("rdp01").dns("rdp01").issuedBy(CA).build().withIssuerChain(other);
        assertFalse(analyze(cert, "rdp01").chainOrdered());
    }

    @Test
    void nameMatch_sanDnsExactCaseAndTrailingDot_matches() throws IOException {
        LabCertificate cert = leaf("ignored-cn").dns("RDP01.Corp.Example").build();
        CertificateResult result = analyze(cert, "rdp01.corp.example.");
        assertTrue(result.nameMatches());
        assertEquals(Optional.of("SAN DNS RDP01.Corp.Example"), result.name().matchedBy());
        assertFalse(result.name().usedCommonName());
    }

    @Test
    void nameMatch_cnIgnoredWhenSanDnsPresent() throws IOException {
        LabCertificate cert = leaf("rdp01.corp.example").dns("other.corp.example").build();
        CertificateResult result = analyze(cert, "rdp01.corp.example");
        assertFalse(result.nameMatches());
        assertEquals(List.of("other.corp.example"), result.name().presentedNames());
    }

    @Test
    void nameMatch_noSan_fallsBackToCommonName() throws IOException {
        LabCertificate cert = leaf("RDP01").build();
        CertificateResult result = analyze(cert, "rdp01");
        assertTrue(result.nameMatches());
        assertTrue(result.name().usedCommonName());
        assertEquals(Optional.of("CN RDP01"), result.name().matchedBy());
    }

    @Test
    void nameMatch_wildcard_matchesExactlyOneLeftmostLabel() {
        assertTrue(HostnameMatcher.matches("rdp01.corp.example", "*.corp.example"));
        assertFalse(HostnameMatcher.matches("a.rdp01.corp.example", "*.corp.example"), "one label only");
        assertFalse(HostnameMatcher.matches("corp.example", "*.corp.example"), "not the parent");
        assertFalse(HostnameMatcher.matches("host.com", "*.com"), "too broad");
        assertFalse(HostnameMatcher.matches("rdp01.corp.example", "rdp*.corp.example"), "partial label");
        assertFalse(HostnameMatcher.matches("rdp01.corp.example", "rdp01.*.example"), "not left-most");
        assertFalse(HostnameMatcher.matches("rdp01", "*"));
        assertFalse(HostnameMatcher.matches("rdp01.corp.example", ""));
    }

    @Test
    void nameMatch_ipTarget_matchesIpSanOnly() throws IOException {
        LabCertificate withIp = leaf("10.0.0.5").dns("10.0.0.5").ip("10.0.0.5").build();
        CertificateResult matched = analyze(withIp, "10.0.0.5");
        assertTrue(matched.nameMatches());
        assertEquals(Optional.of("SAN IP 10.0.0.5"), matched.name().matchedBy());

        LabCertificate cnAndDnsOnly = leaf("10.0.0.5").dns("10.0.0.5").build();
        CertificateResult notMatched = analyze(cnAndDnsOnly, "10.0.0.5");
        assertFalse(notMatched.nameMatches(), "an IP is never matched against CN or dNSName");
        assertTrue(notMatched.name().targetIsIp());
    }

    @Test
    void nameMatch_ipv6Target_comparesAddressesNotText() throws IOException {
        LabCertificate cert = leaf("v6").ip("2001:db8:0:0:0:0:0:1").build();
        CertificateResult result = analyze(cert, "2001:DB8::1");
        assertTrue(result.nameMatches(), result.name().describe());
        assertEquals(List.of("2001:db8::1"), result.leaf().sanIpAddresses());
    }

    @Test
    void key_rsa1024_isWeak() throws IOException {
        CertificateResult result = analyze(leaf("rdp01").dns("rdp01").rsa(1024).build(), "rdp01");
        assertTrue(result.weakKey());
        assertEquals("RSA", result.leaf().keyAlgorithm());
        assertEquals(1024, result.leaf().keyBits());
        assertEquals(Optional.of("RSA 1024 bits is under 2048"), result.weakKeyReason());
    }

    @Test
    void key_rsa2048_isNotWeak() throws IOException {
        CertificateResult result = analyze(leaf("rdp01").dns("rdp01").build(), "rdp01");
        assertFalse(result.weakKey());
        assertEquals(2048, result.leaf().keyBits());
    }

    @Test
    void key_ecP256_reportsCurveName() throws IOException {
        CertificateResult result = analyze(leaf("rdp01").dns("rdp01").ec("secp256r1").build(), "rdp01");
        assertFalse(result.weakKey());
        assertEquals("EC", result.leaf().keyAlgorithm());
        assertEquals(256, result.leaf().keyBits());
        assertTrue(Optional.of("secp256r1").equals(result.leaf().curve())
                || Optional.of("prime256v1").equals(result.leaf().curve()), result.leaf().curve().toString());
        assertEquals("SHA-256", result.leaf().signatureHash());
    }

    @Test
    void signature_sha1AndMd5_areWeak_sha256IsNot() throws IOException {
        LabCertificate ca = LabCertificates.builder("Issuing CA").ca().keySlot("other").build();
        CertificateResult sha1 = analyze(leaf("rdp01").dns("rdp01").signatureHash("SHA1").issuedBy(ca).build(), "rdp01");
        assertTrue(sha1.weakSignature());
        assertEquals("SHA-1", sha1.leaf().signatureHash());
        assertEquals("SHA1WITHRSA", sha1.leaf().signatureAlgorithm().toUpperCase(Locale.ROOT));

        CertificateResult md5 = analyze(leaf("rdp01").dns("rdp01").signatureHash("MD5").issuedBy(ca).build(), "rdp01");
        assertTrue(md5.weakSignature());
        assertEquals("MD5", md5.leaf().signatureHash());

        CertificateResult sha256 = analyze(leaf("rdp01").dns("rdp01").issuedBy(ca).build(), "rdp01");
        assertFalse(sha256.weakSignature());
        assertEquals(Optional.empty(), sha256.weakSignatureReason());
    }

    @Test
    void signature_sha1OnSelfSignedLeaf_isNotWeak() throws IOException {
        // Windows Server 2008 R2 made its own RDP certificate with SHA-1; no client checks that signature.
        CertificateResult result = analyze(leaf("rdp01").dns("rdp01").signatureHash("SHA1").build(), "rdp01");
        assertTrue(result.selfSigned());
        assertFalse(result.weakSignature());
    }

    @Test
    void signature_sha1OnlyOnSelfSignedRoot_isNotWeak() throws IOException {
        LabCertificate sha1Root = LabCertificates.builder("Old Root").ca().keySlot("other").signatureHash("SHA1").build();
        LabCertificate cert = leaf("rdp01").dns("rdp01").issuedBy(sha1Root).build().withIssuerChain(sha1Root);
        assertFalse(analyze(cert, "rdp01").weakSignature(), "nobody checks a root's own signature");
    }

    @Test
    void eku_clientAuthOnly_missesServerAuth() throws IOException {
        CertificateResult result = analyze(leaf("rdp01").dns("rdp01").eku(KeyPurposeId.id_kp_clientAuth).build(), "rdp01");
        assertTrue(result.missingServerAuth());
        assertEquals(List.of("clientAuth"), result.leaf().extendedKeyUsages());
    }

    @Test
    void eku_remoteDesktopAuthOnly_isEnoughForRdp() throws IOException {
        KeyPurposeId rda = KeyPurposeId.getInstance(new ASN1ObjectIdentifier(Certificates.REMOTE_DESKTOP_AUTH_OID));
        CertificateResult result = analyze(leaf("rdp01").dns("rdp01").eku(rda).build(), "rdp01");
        assertFalse(result.missingServerAuth());
        assertEquals(List.of("remoteDesktopAuth"), result.leaf().extendedKeyUsages());
    }

    @Test
    void keyUsage_windowsStyle_listedByName() throws IOException {
        LabCertificate cert = leaf("rdp01").dns("rdp01").keyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment
                | org.bouncycastle.asn1.x509.KeyUsage.dataEncipherment).build();
        assertEquals(List.of("keyEncipherment", "dataEncipherment"), analyze(cert, "rdp01").leaf().keyUsages());
    }

    @Test
    void eku_absent_allowsAnyPurpose() throws IOException {
        CertificateResult result = analyze(leaf("rdp01").dns("rdp01").noEku().build(), "rdp01");
        assertFalse(result.missingServerAuth());
        assertFalse(result.leaf().ekuPresent());
    }

    @Test
    void thumbprints_areUpperHexOfDer_likeWindows() throws Exception {
        LabCertificate cert = leaf("rdp01").dns("rdp01").serial(new java.math.BigInteger("0A1B2C", 16)).build();
        CertificateResult result = analyze(cert, "rdp01");
        // computed independently, through the JDK's own X.509 parser
        X509Certificate jdk = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.leafDer()));
        StringBuilder expected = new StringBuilder();
        for (byte b : MessageDigest.getInstance("SHA-1").digest(jdk.getEncoded())) {
            expected.append(String.format("%02X", b));
        }
        assertEquals(expected.toString(), result.thumbprint());
        assertTrue(result.thumbprint().matches("[0-9A-F]{40}"));
        assertTrue(result.leaf().sha256Thumbprint().matches("[0-9A-F]{64}"));
        assertEquals("0A1B2C", result.leaf().serialNumber(), "whole octets, as PowerShell's SerialNumber shows them");
        assertEquals(jdk.getNotAfter().toInstant(), result.leaf().notAfter());
    }

    @Test
    void serial_highBitSet_keepsDerSignOctetLikeWindows() throws IOException {
        // DER 02 02 00 80: Windows shows the content octets, 0080; BigInteger.toString(16) gives 80
        LabCertificate cert = leaf("rdp01").dns("rdp01").serial(java.math.BigInteger.valueOf(0x80)).build();
        assertEquals("0080", analyze(cert, "rdp01").leaf().serialNumber());
    }

    @Test
    void describe_expiredFiveHoursAgo_saysHoursNotZeroDays() throws IOException {
        LabCertificate cert = leaf("rdp01").dns("rdp01")
                .validity(NOW.minus(Duration.ofDays(365)), NOW.minus(Duration.ofHours(5)).minusSeconds(30)).build();
        CertificateResult result = analyze(cert, "rdp01");
        assertTrue(result.expired());
        assertEquals(0, result.daysPastExpiry());
        assertTrue(result.describe().get(1).contains(": expired 5 hours ago ("), result.describe().get(1));
    }

    @Test
    void describe_expiresInThreeHours_saysHours() throws IOException {
        LabCertificate cert = leaf("rdp01").dns("rdp01")
                .validity(NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofHours(3)).plusSeconds(30)).build();
        assertTrue(analyze(cert, "rdp01").describe().get(1).contains(": expires in 3 hours ("));
    }

    @Test
    void weakKey_unknownEcCurveSize_isNotCalledWeak() throws IOException {
        CertificateFacts real = analyze(leaf("ec01").dns("ec01").ec("secp256r1").build(), "ec01").leaf();
        CertificateFacts unknownCurve = new CertificateFacts(real.subject(), real.issuer(), real.commonName(),
                real.serialNumber(), real.notBefore(), real.notAfter(), real.sanDnsNames(), real.sanIpAddresses(),
                "EC", 0, Optional.of("1.2.3.4.5"), real.signatureAlgorithm(), real.signatureHash(), real.keyUsages(),
                real.extendedKeyUsages(), real.ekuPresent(), real.ca(), real.selfIssued(), real.selfSigned(),
                real.sha1Thumbprint(), real.sha256Thumbprint());
        assertEquals(Optional.empty(), CertificateAnalysis.weakKey(unknownCurve), "an unknown size is not a weak key");
    }

    @Test
    void signature_rsaPssSha256SelfSigned_readsHashFromParametersAndVerifies() throws Exception {
        // AD CS with "alternate signature format" issues RSASSA-PSS certificates; the hash sits in the parameters
        org.bouncycastle.crypto.AsymmetricCipherKeyPair keys = LabCertificates.rsaKey(2048, "pss");
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=pss01");
        org.bouncycastle.asn1.x509.AlgorithmIdentifier pss = new org.bouncycastle.operator
                .DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSAandMGF1");
        org.bouncycastle.asn1.x509.AlgorithmIdentifier digest = new org.bouncycastle.operator
                .DefaultDigestAlgorithmIdentifierFinder().find(pss);
        byte[] der = new org.bouncycastle.cert.X509v3CertificateBuilder(name, java.math.BigInteger.TEN,
                java.util.Date.from(NOW.minus(Duration.ofDays(10))), java.util.Date.from(NOW.plus(Duration.ofDays(300))),
                name, org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keys.getPublic()))
                .build(new org.bouncycastle.operator.bc.BcRSAContentSignerBuilder(pss, digest).build(keys.getPrivate()))
                .getEncoded();
        CertificateResult result = CertificateAnalysis.analyze(List.of(der), "pss01", NOW, Optional.empty());
        assertEquals("SHA-256", result.leaf().signatureHash());
        assertFalse(result.weakSignature());
        assertTrue(result.selfSigned(), "a PSS signature verifies with the certificate's own RSA key");
        assertEquals("RSA", result.leaf().keyAlgorithm());
        assertEquals(2048, result.leaf().keyBits());
    }

    @Test
    void inspect_garbage_isIOExceptionNotRuntime() {
        assertThrows(IOException.class, () -> Certificates.inspect(new byte[] {0x30, 0x03, 0x02, 0x01}));
        assertThrows(IOException.class, () -> Certificates.inspect("not a certificate".getBytes()));
        assertThrows(IOException.class, () -> Certificates.inspect(new byte[0]));
    }

    @Test
    void analyze_unreadableIntermediate_keepsLeafAndMarksChainUnordered() throws IOException {
        LabCertificate cert = leaf("rdp01").dns("rdp01").build();
        CertificateResult result = CertificateAnalysis.analyze(List.of(cert.leafDer(), new byte[] {1, 2, 3}), "rdp01",
                NOW, Optional.empty());
        assertTrue(result.nameMatches());
        assertFalse(result.chainOrdered());
        assertTrue(result.issuers().isEmpty());
    }
}

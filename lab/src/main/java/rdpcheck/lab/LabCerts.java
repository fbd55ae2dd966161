package rdpcheck.lab;

import java.time.Instant;

/**
 * The certificates of the named lab hosts, made once on first use. All RSA-2048 certificates share
 * one cached key (the CA has its own), so the whole set costs two RSA-2048 key generations.
 */
final class LabCerts {

    /** The name lab TLS certificates are issued to; {@code test-hosts} maps it to 127.0.0.1. */
    static final String LAB_NAME = "lab.rdpcheck.test";

    private LabCerts() {
    }

    /** The name lab RD Gateway certificates are issued to; {@code test-hosts} maps it to 127.0.0.1. */
    static final String GATEWAY_NAME = "gw.rdpcheck.test";

    /** Lazy holder: nothing is generated until a TLS lab host is made. */
    private static final class Ca {
        static final LabCertificate CA = LabCertificates.builder("rdpcheck lab CA").ca().keySlot("ca")
                .validity(Instant.now().minusSeconds(86_400L * 365), Instant.now().plusSeconds(86_400L * 3650)).build();
    }

    static LabCertificate ca() {
        return Ca.CA;
    }

    /** CA-issued, valid, for lab.rdpcheck.test, localhost and 127.0.0.1: nothing wrong with it. */
    static LabCertificate healthy() {
        return LabCertificates.builder(LAB_NAME).dns(LAB_NAME, "localhost").ip("127.0.0.1")
                .issuedBy(ca()).validDays(-30, 365).build().withIssuerChain(ca());
    }

    /**
     * Self-signed for the lab names, expired: valid from 210 to 30 days ago, KeyUsage without
     * digitalSignature (like the shared xrdp "expired" peer and Windows' own certificate).
     */
    static LabCertificate expiredSelfSigned() {
        return LabCertificates.builder(LAB_NAME).dns(LAB_NAME, "localhost").ip("127.0.0.1").validDays(-210, -30)
                .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment
                        | org.bouncycastle.asn1.x509.KeyUsage.dataEncipherment).build();
    }

    /** CA-issued, right names, valid only from 10 days from now. */
    static LabCertificate notYetValid() {
        return LabCertificates.builder(LAB_NAME).dns(LAB_NAME, "localhost").ip("127.0.0.1")
                .issuedBy(ca()).validDays(10, 375).build().withIssuerChain(ca());
    }

    /** CA-issued and valid, but for another host: no name or address of the lab. */
    static LabCertificate wrongName() {
        return LabCertificates.builder("rdp99.other.example").dns("rdp99.other.example", "*.other.example")
                .issuedBy(ca()).validDays(-30, 365).build().withIssuerChain(ca());
    }

    /** CA-issued, right names, a 1024-bit RSA key. */
    static LabCertificate weakKey() {
        return LabCertificates.builder(LAB_NAME).dns(LAB_NAME, "localhost").ip("127.0.0.1").rsa(1024)
                .issuedBy(ca()).validDays(-30, 365).build().withIssuerChain(ca());
    }

    /** CA-issued, right names, signed with SHA-1. */
    static LabCertificate sha1Signed() {
        return LabCertificates.builder(LAB_NAME).dns(LAB_NAME, "localhost").ip("127.0.0.1").signatureHash("SHA1")
                .issuedBy(ca()).validDays(-30, 365).build().withIssuerChain(ca());
    }

    /** CA-issued, right names, EKU clientAuth only (a user or machine certificate bound to RDP by mistake). */
    static LabCertificate clientAuthOnly() {
        return LabCertificates.builder(LAB_NAME).dns(LAB_NAME, "localhost").ip("127.0.0.1")
                .eku(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth)
                .issuedBy(ca()).validDays(-30, 365).build().withIssuerChain(ca());
    }

    /**
     * The healthy certificate served with another key: what a server whose certificate no longer
     * matches its private key does. Every handshake fails after the Certificate message.
     */
    static LabCertificate keyMismatch() {
        LabCertificate healthy = healthy();
        return new LabCertificate(healthy.chain(), LabCertificates.rsaKey(2048, "other").getPrivate());
    }

    /**
     * What Windows makes for itself: self-signed, CN = the computer's name, KeyUsage keyEncipherment +
     * dataEncipherment only (no digitalSignature, yet it signs ECDHE: clients must not insist).
     */
    static LabCertificate windowsSelfSigned(String computerName) {
        return LabCertificates.builder(computerName).dns(computerName).validDays(-30, 150)
                .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment
                        | org.bouncycastle.asn1.x509.KeyUsage.dataEncipherment).build();
    }

    /** An RD Gateway's certificate as it should be: CA-issued, valid, for gw.rdpcheck.test (and loopback). */
    static LabCertificate gatewayHealthy() {
        return LabCertificates.builder(GATEWAY_NAME).dns(GATEWAY_NAME, "localhost").ip("127.0.0.1")
                .issuedBy(ca()).validDays(-60, 300).build().withIssuerChain(ca());
    }

    /** CA-issued for the gateway's name, expired 12 days ago (a renewal that never happened). */
    static LabCertificate gatewayExpired() {
        return LabCertificates.builder(GATEWAY_NAME).dns(GATEWAY_NAME, "localhost").ip("127.0.0.1")
                .issuedBy(ca()).validDays(-377, -12).build().withIssuerChain(ca());
    }

    /** Valid and for the gateway's name, but self-signed: what RD Gateway Manager's "create a self-signed certificate" makes. */
    static LabCertificate gatewaySelfSigned() {
        return LabCertificates.builder(GATEWAY_NAME).dns(GATEWAY_NAME).validDays(-10, 170).build();
    }

    /** CA-issued and valid, for the internal name only: the published name is missing. */
    static LabCertificate gatewayWrongName() {
        return LabCertificates.builder("rdgw01.corp.internal").dns("rdgw01.corp.internal")
                .issuedBy(ca()).validDays(-60, 300).build().withIssuerChain(ca());
    }
}

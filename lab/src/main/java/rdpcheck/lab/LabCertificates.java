package rdpcheck.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcRSAContentSignerBuilder;

/**
 * Makes certificates for lab servers and tests with Bouncy Castle: RSA or EC keys of any size,
 * any validity (also in the past or future), subject CN, SAN DNS names and IP addresses, signature
 * hash (SHA-256, SHA-384, SHA-1, MD5), EKU, self-signed or issued by a lab CA.
 *
 * <pre>
 * LabCertificate ca = LabCertificates.builder("rdpcheck lab CA").ca().keySlot("ca").build();
 * LabCertificate leaf = LabCertificates.builder("rdp01.lab").dns("rdp01.lab").issuedBy(ca).build();
 * </pre>
 *
 * Keys are cached per algorithm, size and slot: RSA-2048 generation takes 0.5 to 3 s on a busy
 * machine, and a lab does not need fresh keys for every certificate. The named lab hosts use the
 * slots {@code default}, {@code ca} and {@code other}; tests reuse them rather than add new ones.
 */
public final class LabCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, AsymmetricCipherKeyPair> KEYS = new ConcurrentHashMap<>();

    private LabCertificates() {
    }

    public static Builder builder(String commonName) {
        return new Builder(commonName);
    }

    /** A cached key pair: {@code RSA} with {@code bits}, or {@code EC} on the curve named by {@code curve}. */
    public static AsymmetricCipherKeyPair rsaKey(int bits, String slot) {
        return KEYS.computeIfAbsent("RSA-" + bits + "/" + slot, k -> {
            RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
            generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), RANDOM, bits, 80));
            return generator.generateKeyPair();
        });
    }

    /** A cached EC key pair on a named curve, e.g. {@code secp256r1}, {@code secp384r1}. */
    public static AsymmetricCipherKeyPair ecKey(String curve, String slot) {
        return KEYS.computeIfAbsent("EC-" + curve + "/" + slot, k -> {
            X9ECParameters params = ECNamedCurveTable.getByName(curve);
            ASN1ObjectIdentifier oid = ECNamedCurveTable.getOID(curve);
            if (params == null || oid == null) {
                throw new IllegalArgumentException("unknown curve " + curve);
            }
            ECKeyPairGenerator generator = new ECKeyPairGenerator();
            generator.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(oid, params), RANDOM));
            return generator.generateKeyPair();
        });
    }

    /** A certificate to make; every setter returns this builder. */
    public static final class Builder {
        private final String commonName;
        private final List<GeneralName> sans = new ArrayList<>();
        private Instant notBefore = Instant.now().minus(Duration.ofDays(30));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private String keyAlgorithm = "RSA";
        private int rsaBits = 2048;
        private String curve = "secp256r1";
        private String keySlot = "default";
        private Optional<SubjectPublicKeyInfo> claimedKey = Optional.empty();
        private Optional<ContentSigner> signedWith = Optional.empty();
        private String hash = "SHA256";
        private Optional<List<KeyPurposeId>> eku = Optional.of(List.of(KeyPurposeId.id_kp_serverAuth));
        private boolean ca;
        private Optional<Integer> keyUsage = Optional.empty();
        private Optional<LabCertificate> issuer = Optional.empty();
        private Optional<X500Name> issuerNameOverride = Optional.empty();
        private BigInteger serial = new BigInteger(64, RANDOM).add(BigInteger.ONE);

        private Builder(String commonName) {
            this.commonName = commonName;
        }

        public Builder dns(String... names) {
            for (String name : names) {
                sans.add(new GeneralName(GeneralName.dNSName, name));
            }
            return this;
        }

        public Builder ip(String... addresses) {
            for (String address : addresses) {
                sans.add(new GeneralName(GeneralName.iPAddress, address));
            }
            return this;
        }

        public Builder validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        /** Valid from {@code fromDays} to {@code untilDays} relative to now (negative: in the past). */
        public Builder validDays(long fromDays, long untilDays) {
            Instant now = Instant.now();
            return validity(now.plus(Duration.ofDays(fromDays)), now.plus(Duration.ofDays(untilDays)));
        }

        public Builder rsa(int bits) {
            this.keyAlgorithm = "RSA";
            this.rsaBits = bits;
            return this;
        }

        public Builder ec(String curveName) {
            this.keyAlgorithm = "EC";
            this.curve = curveName;
            return this;
        }

        /** Which cached key to use: certificates with the same algorithm, size and slot share a key. */
        public Builder keySlot(String slot) {
            this.keySlot = slot;
            return this;
        }

        /** The signature's hash: {@code SHA256}, {@code SHA384}, {@code SHA1}, {@code MD5} (RSA only). */
        public Builder signatureHash(String hashName) {
            this.hash = hashName.toUpperCase(Locale.ROOT).replace("-", "");
            return this;
        }

        /** The extended key usages; none given means no EKU extension at all (any purpose). */
        public Builder eku(KeyPurposeId... purposes) {
            this.eku = purposes.length == 0 ? Optional.empty() : Optional.of(List.of(purposes));
            return this;
        }

        public Builder noEku() {
            this.eku = Optional.empty();
            return this;
        }

        /** A CA certificate: basicConstraints cA, keyCertSign, no EKU. */
        public Builder ca() {
            this.ca = true;
            this.eku = Optional.empty();
            return this;
        }

        /**
         * The KeyUsage bits ({@code KeyUsage.keyEncipherment | KeyUsage.dataEncipherment} is what Windows
         * puts on its self-signed RDP certificate); default: what fits the key and role.
         */
        public Builder keyUsage(int bits) {
            this.keyUsage = Optional.of(bits);
            return this;
        }

        public Builder issuedBy(LabCertificate issuerCertificate) {
            this.issuer = Optional.of(issuerCertificate);
            return this;
        }

        /** Names an issuer without signing by it: the issuer field lies (for "not really self-signed" tests). */
        public Builder issuerName(String issuerCommonName) {
            this.issuerNameOverride = Optional.of(new X500Name("CN=" + escape(issuerCommonName)));
            return this;
        }

        /**
         * Puts {@code key} in the certificate instead of the public half of the key that signs for
         * it: the certificate claims a key the server does not hold (hostile hosts' keys built to
         * burn CPU, which nobody could generate a private key for in a test's time).
         */
        public Builder claimedKey(SubjectPublicKeyInfo key) {
            this.claimedKey = Optional.of(key);
            return this;
        }

        /** Signs with {@code value} instead of the issuer's (or its own) key: a signature that is only well-formed. */
        public Builder signedWith(ContentSigner value) {
            this.signedWith = Optional.of(value);
            return this;
        }

        public Builder serial(BigInteger value) {
            this.serial = value;
            return this;
        }

        public LabCertificate build() {
            AsymmetricCipherKeyPair keys = keyAlgorithm.equals("EC") ? ecKey(curve, keySlot) : rsaKey(rsaBits, keySlot);
            X500Name subject = new X500Name("CN=" + escape(commonName));
            AsymmetricKeyParameter signingKey = issuer.map(LabCertificate::privateKey).orElse(keys.getPrivate());
            X500Name issuerName = issuerNameOverride.orElseGet(() -> issuer.map(i -> i.leaf().getSubject()).orElse(subject));
            try {
                SubjectPublicKeyInfo spki = claimedKey.isPresent() ? claimedKey.get()
                        : SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keys.getPublic());
                X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, serial,
                        Date.from(notBefore), Date.from(notAfter), subject, spki);
                BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
                builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spki));
                if (issuer.isPresent()) {
                    SubjectPublicKeyInfo issuerSpki = issuer.get().leaf().getSubjectPublicKeyInfo();
                    builder.addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(issuerSpki));
                }
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage.orElse(ca
                        ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
                        : KeyUsage.digitalSignature | (keyAlgorithm.equals("RSA") ? KeyUsage.keyEncipherment : 0))));
                if (eku.isPresent()) {
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(eku.get().toArray(KeyPurposeId[]::new)));
                }
                if (!sans.isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(sans.toArray(GeneralName[]::new)));
                }
                X509CertificateHolder holder = builder.build(signedWith.isPresent() ? signedWith.get() : signer(signingKey));
                return new LabCertificate(List.of(holder), keys.getPrivate());
            } catch (CertIOException e) {
                throw new UncheckedIOException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (OperatorCreationException e) {
                throw new IllegalArgumentException("cannot sign with " + hash + ": " + e.getMessage(), e);
            }
        }

        private ContentSigner signer(AsymmetricKeyParameter key) throws OperatorCreationException {
            boolean ecSigner = key instanceof org.bouncycastle.crypto.params.ECKeyParameters;
            String name = hash + "with" + (ecSigner ? "ECDSA" : "RSA");
            AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find(name);
            AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
            return ecSigner ? new BcECContentSignerBuilder(signature, digest).build(key)
                    : new BcRSAContentSignerBuilder(signature, digest).build(key);
        }
    }

    /** RFC 4514 escaping of the characters that would end or split a CN. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("+", "\\+").replace("=", "\\=")
                .replace("\"", "\\\"").replace("<", "\\<").replace(">", "\\>").replace(";", "\\;");
    }
}

package rdpcheck.probes.cert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAKeyParameters;
import org.bouncycastle.crypto.params.ECKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcRSAContentVerifierProviderBuilder;

/** Reads {@link CertificateFacts} from DER with Bouncy Castle, and checks who signed what. */
final class Certificates {

    /** Microsoft's "Remote Desktop Authentication" EKU: mstsc accepts it in place of serverAuth. */
    public static final String REMOTE_DESKTOP_AUTH_OID = "1.3.6.1.4.1.311.54.1.2";

    private static final Map<String, String> EKU_NAMES = Map.of(
            KeyPurposeId.id_kp_serverAuth.getId(), "serverAuth",
            KeyPurposeId.id_kp_clientAuth.getId(), "clientAuth",
            KeyPurposeId.id_kp_codeSigning.getId(), "codeSigning",
            KeyPurposeId.id_kp_emailProtection.getId(), "emailProtection",
            KeyPurposeId.id_kp_timeStamping.getId(), "timeStamping",
            KeyPurposeId.id_kp_OCSPSigning.getId(), "OCSPSigning",
            KeyPurposeId.anyExtendedKeyUsage.getId(), "anyExtendedKeyUsage",
            REMOTE_DESKTOP_AUTH_OID, "remoteDesktopAuth");

    private Certificates() {
    }

    /** Parses one certificate; {@link IOException} when the bytes are not an X.509 certificate. */
    public static X509CertificateHolder parse(byte[] der) throws IOException {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            // BC throws IllegalArgumentException and friends on malformed ASN.1
            throw new IOException("not an X.509 certificate: " + rdpcheck.probes.ProbeText.clean(String.valueOf(e.getMessage())), e);
        }
    }

    public static CertificateFacts inspect(byte[] der) throws IOException {
        return inspect(parse(der), der);
    }

    /** The facts of a certificate {@link #parse} has parsed from {@code der}: it is parsed once. */
    public static CertificateFacts inspect(X509CertificateHolder holder, byte[] der) throws IOException {
        try {
            return facts(holder, der);
        } catch (RuntimeException e) {
            throw new IOException("malformed certificate: " + rdpcheck.probes.ProbeText.clean(String.valueOf(e.getMessage())), e);
        }
    }

    private static CertificateFacts facts(X509CertificateHolder holder, byte[] der) {
        X500Name subject = holder.getSubject();
        X500Name issuer = holder.getIssuer();
        Extensions extensions = holder.getExtensions();
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        GeneralNames sans = extensions == null ? null : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        if (sans != null) {
            for (GeneralName name : sans.getNames()) {
                if (name.getTagNo() == GeneralName.dNSName) {
                    dns.add(((ASN1String) name.getName()).getString());
                } else if (name.getTagNo() == GeneralName.iPAddress) {
                    ipLiteral(ASN1OctetString.getInstance(name.getName()).getOctets()).ifPresent(ips::add);
                }
            }
        }
        List<String> ekus = new ArrayList<>();
        ExtendedKeyUsage eku = extensions == null ? null : ExtendedKeyUsage.fromExtensions(extensions);
        if (eku != null) {
            for (KeyPurposeId purpose : eku.getUsages()) {
                ekus.add(EKU_NAMES.getOrDefault(purpose.getId(), purpose.getId()));
            }
        }
        BasicConstraints constraints = extensions == null ? null : BasicConstraints.fromExtensions(extensions);
        boolean selfIssued = subject.equals(issuer);
        Key key = key(holder.getSubjectPublicKeyInfo());
        AlgorithmIdentifier signature = holder.getSignatureAlgorithm();
        return new CertificateFacts(
                subject.toString(),
                issuer.toString(),
                commonName(subject),
                serialHex(holder.getSerialNumber()),
                holder.getNotBefore().toInstant(),
                holder.getNotAfter().toInstant(),
                dns,
                ips,
                key.algorithm(),
                key.bits(),
                key.curve(),
                new DefaultAlgorithmNameFinder().getAlgorithmName(signature),
                signatureHash(signature),
                keyUsages(extensions),
                ekus,
                eku != null,
                constraints != null && constraints.isCA(),
                selfIssued,
                selfIssued && signedBy(holder, holder.getSubjectPublicKeyInfo()),
                thumbprint("SHA-1", der),
                thumbprint("SHA-256", der));
    }

    /** RFC 5280 4.2.1.3 bit order. */
    private static final String[] KEY_USAGE_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private static List<String> keyUsages(Extensions extensions) {
        KeyUsage usage = extensions == null ? null : KeyUsage.fromExtensions(extensions);
        List<String> names = new ArrayList<>();
        if (usage != null) {
            int[] bits = {KeyUsage.digitalSignature, KeyUsage.nonRepudiation, KeyUsage.keyEncipherment,
                KeyUsage.dataEncipherment, KeyUsage.keyAgreement, KeyUsage.keyCertSign, KeyUsage.cRLSign,
                KeyUsage.encipherOnly, KeyUsage.decipherOnly};
            for (int i = 0; i < bits.length; i++) {
                if (usage.hasUsages(bits[i])) {
                    names.add(KEY_USAGE_NAMES[i]);
                }
            }
        }
        return names;
    }

    /**
     * Whether {@code certificate}'s signature verifies with {@code issuerKey}; false for anything that
     * fails, and for a key outside {@link PublicKeyLimits} (nothing is computed with it).
     */
    public static boolean signedBy(X509CertificateHolder certificate, SubjectPublicKeyInfo issuerKey) {
        if (PublicKeyLimits.problem(issuerKey).isPresent()) {
            return false;
        }
        try {
            return PublicKeyLimits.withinBounds(() -> certificate.isSignatureValid(verifier(issuerKey)));
        } catch (Exception e) {
            // an unknown algorithm or a broken key: not verifiable, so not "signed by"
            return false;
        }
    }

    /**
     * BC's lightweight verifiers: no JCA provider to load (the BC provider takes seconds to
     * initialise on a busy machine) and nothing registered JVM-wide.
     */
    private static ContentVerifierProvider verifier(SubjectPublicKeyInfo key) throws IOException, OperatorCreationException {
        AsymmetricKeyParameter parameter = PublicKeyFactory.createKey(key);
        DefaultDigestAlgorithmIdentifierFinder digests = new DefaultDigestAlgorithmIdentifierFinder();
        if (parameter instanceof RSAKeyParameters) {
            return new BcRSAContentVerifierProviderBuilder(digests).build(parameter);
        }
        if (parameter instanceof ECKeyParameters) {
            return new BcECContentVerifierProviderBuilder(digests).build(parameter);
        }
        if (parameter instanceof DSAKeyParameters) {
            return new BcDSAContentVerifierProviderBuilder(digests).build(parameter);
        }
        throw new OperatorCreationException("no verifier for " + key.getAlgorithm().getAlgorithm());
    }

    /**
     * The serial's DER content octets in upper-case hex, leading zero octets kept: what PowerShell's
     * {@code SerialNumber} and certlm.msc show. {@code BigInteger.toString(16)} would drop the leading
     * zero nibble ({@code 0A1B} as {@code A1B}) and the sign octet, so the two would not compare equal.
     */
    static String serialHex(java.math.BigInteger serial) {
        return HexFormat.of().withUpperCase().formatHex(serial.toByteArray());
    }

    /** Upper-case hex of the digest, no separators (Windows' thumbprint format). */
    public static String thumbprint(String algorithm, byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has " + algorithm, e);
        }
    }

    private record Key(String algorithm, int bits, Optional<String> curve) {
    }

    private static Key key(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier oid = spki.getAlgorithm().getAlgorithm();
        try {
            if (oid.equals(PKCSObjectIdentifiers.rsaEncryption) || oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
                RSAPublicKey rsa = RSAPublicKey.getInstance(spki.parsePublicKey());
                return new Key("RSA", rsa.getModulus().bitLength(), Optional.empty());
            }
            if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                X962Parameters params = X962Parameters.getInstance(spki.getAlgorithm().getParameters());
                if (params.isNamedCurve()) {
                    ASN1ObjectIdentifier curveOid = ASN1ObjectIdentifier.getInstance(params.getParameters());
                    X9ECParameters curve = ECNamedCurveTable.getByOID(curveOid);
                    String name = ECNamedCurveTable.getName(curveOid);
                    return new Key("EC", curve == null ? 0 : curve.getCurve().getFieldSize(),
                            Optional.of(name != null ? name : curveOid.getId()));
                }
                X9ECParameters explicit = X9ECParameters.getInstance(params.getParameters());
                return new Key("EC", explicit.getCurve().getFieldSize(), Optional.of("explicit parameters"));
            }
            if (oid.equals(X9ObjectIdentifiers.id_dsa)) {
                ASN1Encodable params = spki.getAlgorithm().getParameters();
                int bits = params == null ? 0 : DSAParameter.getInstance(params).getP().bitLength();
                return new Key("DSA", bits, Optional.empty());
            }
            if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
                return new Key("Ed25519", 256, Optional.empty());
            }
            if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
                return new Key("Ed448", 456, Optional.empty());
            }
        } catch (IOException | RuntimeException e) {
            return new Key(oid.getId() + " (unreadable key)", 0, Optional.empty());
        }
        return new Key(oid.getId(), 0, Optional.empty());
    }

    /** The hash a signature algorithm uses, named like {@code SHA-256}; RSASSA-PSS reads it from its parameters. */
    static String signatureHash(AlgorithmIdentifier signature) {
        ASN1ObjectIdentifier oid = signature.getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            ASN1Encodable params = signature.getParameters();
            if (params == null) {
                return "SHA-1"; // RSASSA-PSS-params default hashAlgorithm (RFC 4055)
            }
            return hashName(RSASSAPSSparams.getInstance(params).getHashAlgorithm().getAlgorithm());
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return "SHA-512";
        }
        String name = new DefaultAlgorithmNameFinder().getAlgorithmName(signature).toUpperCase(Locale.ROOT);
        int with = name.indexOf("WITH");
        String hash = with > 0 ? name.substring(0, with) : name;
        switch (hash) {
            case "MD2": return "MD2";
            case "MD4": return "MD4";
            case "MD5": return "MD5";
            case "SHA1": return "SHA-1";
            case "SHA224": return "SHA-224";
            case "SHA256": return "SHA-256";
            case "SHA384": return "SHA-384";
            case "SHA512": return "SHA-512";
            default: return hash;
        }
    }

    private static String hashName(ASN1ObjectIdentifier oid) {
        if (oid.equals(OIWObjectIdentifiers.idSHA1)) {
            return "SHA-1";
        }
        String name = new DefaultAlgorithmNameFinder().getAlgorithmName(oid);
        return name.startsWith("SHA") && !name.contains("-") && !name.startsWith("SHA3") ? "SHA-" + name.substring(3) : name;
    }

    private static Optional<String> commonName(X500Name name) {
        RDN[] rdns = name.getRDNs(BCStyle.CN);
        if (rdns.length == 0) {
            return Optional.empty();
        }
        ASN1Encodable value = rdns[rdns.length - 1].getFirst().getValue();
        return Optional.of(value instanceof ASN1String s ? s.getString() : value.toString());
    }

    /** The literal of a 4- or 16-byte iPAddress entry; name constraints (8 or 32 bytes) are not addresses. */
    static Optional<String> ipLiteral(byte[] octets) {
        if (octets.length != 4 && octets.length != 16) {
            return Optional.empty();
        }
        try {
            return Optional.of(rdpcheck.probes.net.Endpoints.literal(InetAddress.getByAddress(octets)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}

package rdpcheck.probes.cert;

import java.math.BigInteger;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.Properties;

/**
 * Bounds on a server's public key, checked on the parsed numbers before any arithmetic is done
 * with the key (a TLS signature check, a premaster encryption, a certificate signature check).
 * A server picks its key; a key built to be expensive (a 16,384-bit modulus with a 16,383-bit
 * public exponent costs seconds of CPU per operation) must cost a probe nothing.
 *
 * <p>The bounds are OpenSSL's, which FreeRDP and every OpenSSL-based client apply when they load
 * the key: RSA moduli up to 16,384 bits ({@code OPENSSL_RSA_MAX_MODULUS_BITS}, also Bouncy Castle's
 * {@code org.bouncycastle.rsa.max_size} and the largest key CNG generates), public exponents up to
 * 64 bits once the modulus is over 3,072 bits ({@code OPENSSL_RSA_MAX_PUBEXP_BITS},
 * {@code OPENSSL_RSA_SMALL_MODULUS_BITS}); DSA primes up to 10,000 bits
 * ({@code OPENSSL_DSA_MAX_MODULUS_BITS}) with a subgroup of at most 256 bits (FIPS 186-4's
 * largest). Within them one verification is milliseconds. Elliptic curves are bounded by Bouncy
 * Castle itself (prime fields up to 1,042 bits).
 */
public final class PublicKeyLimits {

    public static final int MAX_RSA_MODULUS_BITS = 16_384;
    public static final int SMALL_RSA_MODULUS_BITS = 3_072;
    public static final int MAX_RSA_EXPONENT_BITS = 64;
    public static final int MAX_DSA_PRIME_BITS = 10_000;
    public static final int MAX_DSA_SUBGROUP_BITS = 256;

    /**
     * Bouncy Castle tests every RSA modulus it is handed for primality (Miller-Rabin rounds: about
     * 4 s of CPU for one 16,384-bit modulus here). That guards private-key operations on keys one
     * generates; a probe only encrypts and verifies with a key it never trusts, so the test is
     * skipped for the probe's own thread while it works, once {@link #problem} passed the key.
     */
    private static final String BC_SKIP_MODULUS_TESTS = "org.bouncycastle.rsa.allow_unsafe_mod";

    private PublicKeyLimits() {
    }

    /** What is wrong with {@code key} for arithmetic, in words for a report; empty when it is within bounds. */
    public static Optional<String> problem(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier oid = key.getAlgorithm().getAlgorithm();
        try {
            if (oid.equals(PKCSObjectIdentifiers.rsaEncryption) || oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
                RSAPublicKey rsa = RSAPublicKey.getInstance(key.parsePublicKey());
                return rsaProblem(rsa.getModulus(), rsa.getPublicExponent());
            }
            if (oid.equals(X9ObjectIdentifiers.id_dsa)) {
                ASN1Encodable parameters = key.getAlgorithm().getParameters();
                if (parameters == null) {
                    return Optional.empty(); // inherited from the issuer: nothing here to compute with
                }
                DSAParameter dsa = DSAParameter.getInstance(parameters);
                return dsaProblem(dsa.getP(), dsa.getQ());
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.of("its " + (oid.equals(X9ObjectIdentifiers.id_dsa) ? "DSA" : "RSA")
                    + " public key is not well-formed DER");
        }
        return Optional.empty();
    }

    static Optional<String> rsaProblem(BigInteger modulus, BigInteger exponent) {
        int bits = modulus.bitLength();
        if (modulus.signum() <= 0 || !modulus.testBit(0)) {
            return Optional.of("its RSA modulus is " + (modulus.signum() <= 0 ? "not positive" : "even"));
        }
        if (bits > MAX_RSA_MODULUS_BITS) {
            return Optional.of("its RSA modulus has " + bits + " bits, over the " + MAX_RSA_MODULUS_BITS
                    + " any client accepts");
        }
        if (exponent.signum() <= 0 || !exponent.testBit(0) || exponent.equals(BigInteger.ONE)) {
            return Optional.of("its RSA public exponent (" + exponent.bitLength() + " bits) is not an odd number over 1");
        }
        if (bits > SMALL_RSA_MODULUS_BITS && exponent.bitLength() > MAX_RSA_EXPONENT_BITS) {
            return Optional.of("its RSA public exponent has " + exponent.bitLength() + " bits (modulus " + bits
                    + " bits): OpenSSL-based clients refuse exponents over " + MAX_RSA_EXPONENT_BITS
                    + " bits on moduli over " + SMALL_RSA_MODULUS_BITS + " bits, and each operation with it costs seconds");
        }
        if (exponent.compareTo(modulus) >= 0) {
            return Optional.of("its RSA public exponent is not smaller than its modulus");
        }
        return Optional.empty();
    }

    static Optional<String> dsaProblem(BigInteger p, BigInteger q) {
        if (p.bitLength() > MAX_DSA_PRIME_BITS || q.bitLength() > MAX_DSA_SUBGROUP_BITS) {
            return Optional.of("its DSA parameters have a " + p.bitLength() + "-bit prime and a " + q.bitLength()
                    + "-bit subgroup, over the " + MAX_DSA_PRIME_BITS + " and " + MAX_DSA_SUBGROUP_BITS + " clients accept");
        }
        return Optional.empty();
    }

    /**
     * Runs {@code work} (Bouncy Castle operations on keys that passed {@link #problem}) without Bouncy
     * Castle's RSA modulus primality test, on this thread only: nothing JVM-wide changes.
     */
    public static <T> T withinBounds(Callable<T> work) throws Exception {
        boolean wasSet = Properties.isOverrideSet(BC_SKIP_MODULUS_TESTS);
        Properties.setThreadOverride(BC_SKIP_MODULUS_TESTS, true);
        try {
            return work.call();
        } finally {
            if (!wasSet) {
                Properties.removeThreadOverride(BC_SKIP_MODULUS_TESTS);
            }
        }
    }
}

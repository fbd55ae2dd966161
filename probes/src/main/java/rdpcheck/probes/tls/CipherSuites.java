package rdpcheck.probes.tls;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * Cipher suite names and the suites a probe offers. BC has no name lookup, so the IANA names are
 * read once from the constants of {@link CipherSuite}, whose field names are the IANA names.
 */
public final class CipherSuites {

    private static final Map<Integer, String> NAMES;
    /** Key exchanges a certificate-based RDP server can pick; PSK, SRP and anonymous suites carry no certificate. */
    private static final List<String> KEY_EXCHANGES = List.of("TLS_ECDHE_ECDSA_WITH_", "TLS_ECDHE_RSA_WITH_",
            "TLS_DHE_RSA_WITH_", "TLS_RSA_WITH_");
    /** Ciphers Windows and OpenSSL servers actually select; fewer suites keep the ClientHello small. */
    private static final List<String> CIPHERS = List.of("AES_128_GCM_", "AES_256_GCM_", "CHACHA20_POLY1305_",
            "AES_128_CBC_", "AES_256_CBC_", "3DES_EDE_CBC_");

    /** What {@link #broad} offers, in words for reports. */
    static final String OFFERED_FAMILIES = "TLS 1.3 AES-GCM/ChaCha20 suites, and ECDHE, DHE or RSA key exchange"
            + " with AES-GCM, ChaCha20-Poly1305, AES-CBC or 3DES";
    /**
     * What it never offers, so a report can say so: Bouncy Castle's TLS has no RC4; NULL, export and
     * anonymous suites are left out on purpose (no confidentiality, or no certificate to look at).
     */
    static final String NOT_OFFERED = "RC4, NULL, export and anonymous suites are not offered";

    static {
        Map<Integer, String> names = new HashMap<>();
        for (Field field : CipherSuite.class.getFields()) {
            if (field.getType() == int.class && Modifier.isStatic(field.getModifiers()) && field.getName().startsWith("TLS_")) {
                try {
                    names.putIfAbsent(field.getInt(null), field.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        NAMES = Collections.unmodifiableMap(names);
    }

    private CipherSuites() {
    }

    /** The IANA name, e.g. {@code TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}, or {@code 0xC030} if unknown. */
    public static String name(int suite) {
        String name = NAMES.get(suite);
        return name != null ? name : String.format("0x%04X", suite);
    }

    /**
     * Every suite {@code crypto} implements that a server may choose for one of {@code versions}:
     * TLS 1.3 suites, then ECDHE, DHE and RSA key exchange with AES-GCM, ChaCha20, AES-CBC and 3DES,
     * strongest first.
     */
    public static int[] broad(TlsCrypto crypto, Set<TlsVersion> versions) {
        // every handshake asks; working it out over ~400 constants each time was 3% of a fleet's CPU
        return BROAD.computeIfAbsent(List.of(crypto.getClass(), Set.copyOf(versions)), key -> compute(crypto, versions))
                .clone();
    }

    /** {@link #broad} per crypto implementation and version set: what a crypto supports does not change. */
    private static final Map<List<Object>, int[]> BROAD = new java.util.concurrent.ConcurrentHashMap<>();

    private static int[] compute(TlsCrypto crypto, Set<TlsVersion> versions) {
        List<Integer> suites = new ArrayList<>();
        for (Map.Entry<Integer, String> entry : NAMES.entrySet()) {
            int suite = entry.getKey();
            if (offerable(entry.getValue()) && TlsUtils.isSupportedCipherSuite(crypto, suite)
                    && versions.stream().anyMatch(v -> TlsUtils.isValidCipherSuiteForVersion(suite, v.protocolVersion()))) {
                suites.add(suite);
            }
        }
        // AES-256 before AES-128 within a rank, as SChannel (mstsc) and OpenSSL order their offers
        suites.sort(Comparator.comparingInt((Integer s) -> rank(NAMES.get(s)))
                .thenComparing(s -> NAMES.get(s).contains("_256_") ? 0 : 1)
                .thenComparing(s -> NAMES.get(s)));
        return suites.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean offerable(String name) {
        if (isTls13(name)) {
            return !name.contains("CCM");
        }
        return KEY_EXCHANGES.stream().anyMatch(name::startsWith)
                && CIPHERS.stream().anyMatch(c -> name.contains("_WITH_" + c));
    }

    private static boolean isTls13(String name) {
        return name.equals("TLS_AES_128_GCM_SHA256") || name.equals("TLS_AES_256_GCM_SHA384")
                || name.equals("TLS_CHACHA20_POLY1305_SHA256") || name.startsWith("TLS_AES_128_CCM");
    }

    /** Lower is offered first: TLS 1.3, forward secrecy, AEAD, then the rest. */
    private static int rank(String name) {
        if (isTls13(name)) {
            return 0;
        }
        int kx = name.startsWith("TLS_ECDHE_") ? 0 : name.startsWith("TLS_DHE_") ? 1 : 2;
        int cipher = name.contains("GCM") || name.contains("CHACHA20") ? 0 : name.contains("3DES") ? 2 : 1;
        return 1 + cipher * 3 + kx;
    }
}

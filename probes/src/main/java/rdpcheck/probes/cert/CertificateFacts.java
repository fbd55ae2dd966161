package rdpcheck.probes.cert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one X.509 certificate says about itself, read with Bouncy Castle; nothing judged yet.
 *
 * @param subject            RFC 4514 string, e.g. {@code CN=rdp01.corp.example}
 * @param issuer             RFC 4514 string
 * @param commonName         the subject's (last) CN, when it has one
 * @param serialNumber       the DER INTEGER's octets in upper-case hex, leading zeros kept (PowerShell's
 *                           {@code SerialNumber}; certlm.msc shows the same octets in lower case)
 * @param notBefore          start of validity
 * @param notAfter           end of validity
 * @param sanDnsNames        subjectAltName dNSName entries, as written
 * @param sanIpAddresses     subjectAltName iPAddress entries, as literals
 * @param keyAlgorithm       {@code RSA}, {@code EC}, {@code DSA}, {@code Ed25519}, ... or the OID
 * @param keyBits            RSA modulus / DSA p / EC field size, in bits; 0 when unknown
 * @param curve              the EC curve's name (e.g. {@code secp256r1}), for EC keys
 * @param signatureAlgorithm e.g. {@code SHA256WITHRSA}
 * @param signatureHash      the hash of that signature: {@code SHA-256}, {@code SHA-1}, {@code MD5}, ...
 * @param keyUsages          KeyUsage bits by RFC 5280 name ({@code digitalSignature}, {@code keyEncipherment}...);
 *                           empty when the extension is absent. Windows' own RDP certificate lacks
 *                           digitalSignature and still works: clients do not enforce it on servers
 * @param extendedKeyUsages  EKU names ({@code serverAuth}, {@code clientAuth}, {@code remoteDesktopAuth}...) or OIDs
 * @param ekuPresent         whether the certificate has an EKU extension at all (absent: any purpose)
 * @param ca                 basicConstraints cA
 * @param selfIssued         issuer equals subject
 * @param selfSigned         self-issued and the signature verifies with its own public key
 * @param sha1Thumbprint     SHA-1 of the DER, upper-case hex without separators: what Windows shows and
 *                           {@code SSLCertificateSHA1Hash} holds
 * @param sha256Thumbprint   SHA-256 of the DER, same format
 */
public record CertificateFacts(
        String subject,
        String issuer,
        Optional<String> commonName,
        String serialNumber,
        Instant notBefore,
        Instant notAfter,
        List<String> sanDnsNames,
        List<String> sanIpAddresses,
        String keyAlgorithm,
        int keyBits,
        Optional<String> curve,
        String signatureAlgorithm,
        String signatureHash,
        List<String> keyUsages,
        List<String> extendedKeyUsages,
        boolean ekuPresent,
        boolean ca,
        boolean selfIssued,
        boolean selfSigned,
        String sha1Thumbprint,
        String sha256Thumbprint) {

    public CertificateFacts {
        sanDnsNames = List.copyOf(sanDnsNames);
        sanIpAddresses = List.copyOf(sanIpAddresses);
        keyUsages = List.copyOf(keyUsages);
        extendedKeyUsages = List.copyOf(extendedKeyUsages);
    }

    /** Key size in words, e.g. {@code RSA 2048} or {@code EC secp256r1 (256 bits)}. */
    public String keyDescription() {
        return curve.map(c -> keyAlgorithm + " " + c + " (" + keyBits + " bits)").orElse(keyAlgorithm + " " + keyBits);
    }
}

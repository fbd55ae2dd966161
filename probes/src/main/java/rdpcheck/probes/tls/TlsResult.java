package rdpcheck.probes.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import rdpcheck.probes.rdp.Protocol;

/**
 * What the tls probe saw: one attempt per TLS version, each on its own connection after an X.224
 * request for {@code requestedProtocols}, and the certificate chain from the best handshake.
 *
 * @param requestedProtocols the RDP_NEG_REQ mask sent before each handshake (SSL, or SSL|HYBRID when only NLA gets TLS)
 * @param attempts           TLS 1.0 to 1.3, in that order
 * @param chainVersion       the version whose handshake supplied {@code chain}: the newest accepted one, or
 *                           (nothing accepted) one that got as far as the certificate
 * @param chain              the certificates as sent, leaf first, DER (base64 in JSON); empty when none arrived
 * @param selectedProtocol   what the X.224 answers on the probe's connections selected (TLS or CredSSP), when any did
 * @param hybridAnswer       on a server that selected CredSSP: the first CredSSP round, held on the probe's first
 *                           connection, as mstsc holds it (the credssp probe reads it)
 * @param sessionAnswer      on a server that selected TLS alone: the MCS connection held on that first connection
 *                           (the session probe reads it)
 */
public record TlsResult(int requestedProtocols, List<TlsAttempt> attempts, Optional<TlsVersion> chainVersion,
                        @JsonIgnore List<byte[]> chain, @JsonIgnore Optional<Integer> selectedProtocol,
                        @JsonIgnore Optional<HybridAnswer> hybridAnswer, @JsonIgnore Optional<SessionAnswer> sessionAnswer) {

    public TlsResult(int requestedProtocols, List<TlsAttempt> attempts, Optional<TlsVersion> chainVersion,
                     List<byte[]> chain) {
        this(requestedProtocols, attempts, chainVersion, chain, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public TlsResult(int requestedProtocols, List<TlsAttempt> attempts, Optional<TlsVersion> chainVersion,
                     List<byte[]> chain, Optional<Integer> selectedProtocol, Optional<HybridAnswer> hybridAnswer) {
        this(requestedProtocols, attempts, chainVersion, chain, selectedProtocol, hybridAnswer, Optional.empty());
    }

    public TlsResult {
        java.util.Objects.requireNonNull(selectedProtocol, "selectedProtocol");
        java.util.Objects.requireNonNull(hybridAnswer, "hybridAnswer");
        java.util.Objects.requireNonNull(sessionAnswer, "sessionAnswer");
        attempts = List.copyOf(attempts);
        List<byte[]> copy = new ArrayList<>(chain.size());
        chain.forEach(der -> copy.add(der.clone()));
        chain = List.copyOf(copy);
    }

    @JsonProperty("requested")
    public String requested() {
        return Protocol.describeMask(requestedProtocols);
    }

    @JsonProperty("acceptedVersions")
    public List<TlsVersion> acceptedVersions() {
        return attempts.stream().filter(TlsAttempt::accepted).map(TlsAttempt::version).toList();
    }

    /** Versions the server answered and refused (an alert, a close, garbage); not those never reached. */
    @JsonProperty("refusedVersions")
    public List<TlsVersion> refusedVersions() {
        return attempts.stream().filter(a -> a.outcome() instanceof TlsOutcome.Refused).map(TlsAttempt::version).toList();
    }

    public boolean accepts(TlsVersion version) {
        return acceptedVersions().contains(version);
    }

    @JsonProperty("newestAccepted")
    public Optional<TlsVersion> newestAccepted() {
        List<TlsVersion> accepted = acceptedVersions();
        return accepted.isEmpty() ? Optional.empty() : Optional.of(accepted.get(accepted.size() - 1));
    }

    /** The attempt of the newest accepted version. */
    public Optional<TlsAttempt> best() {
        return newestAccepted().flatMap(this::attempt);
    }

    public Optional<TlsAttempt> attempt(TlsVersion version) {
        return attempts.stream().filter(a -> a.version() == version).findFirst();
    }

    /** Some version completed a handshake. */
    @JsonProperty("handshakeSucceeded")
    public boolean handshakeSucceeded() {
        return !acceptedVersions().isEmpty();
    }

    /** Every handshake that was tried failed (at least one was tried). */
    @JsonProperty("handshakeFailed")
    public boolean handshakeFailed() {
        return acceptedVersions().isEmpty() && !refusedVersions().isEmpty();
    }

    /** Only TLS 1.0 and/or 1.1 complete: clients with those disabled (the default since 2023) cannot connect. */
    @JsonProperty("legacyOnly")
    public boolean legacyOnly() {
        List<TlsVersion> accepted = acceptedVersions();
        return !accepted.isEmpty() && accepted.stream().allMatch(TlsVersion::legacy);
    }

    /** TLS 1.0 or 1.1 is accepted (alone or next to newer versions). */
    @JsonProperty("legacyAccepted")
    public boolean legacyAccepted() {
        return acceptedVersions().stream().anyMatch(TlsVersion::legacy);
    }

    /** The chain as base64 DER, for the JSON report and for anyone who wants to look at it with openssl. */
    @JsonProperty("chainBase64")
    public List<String> chainBase64() {
        return chain.stream().map(der -> Base64.getEncoder().encodeToString(der)).toList();
    }

    /** One line per version. */
    public List<String> describe() {
        return attempts.stream().map(TlsAttempt::describe).toList();
    }
}

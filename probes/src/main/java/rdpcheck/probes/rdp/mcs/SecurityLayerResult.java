package rdpcheck.probes.rdp.mcs;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Standard RDP Security as the server offers it: one {@link MethodAttempt} per encryption method,
 * and what follows from them (the methods accepted, the encryption level, the RDP version).
 */
public record SecurityLayerResult(List<MethodAttempt> attempts) {

    public SecurityLayerResult {
        attempts = List.copyOf(attempts);
    }

    public Optional<MethodAttempt> attempt(EncryptionMethod method) {
        return attempts.stream().filter(a -> a.offered() == method).findFirst();
    }

    /** The methods the server agreed to when offered alone, weakest first. */
    @JsonProperty("acceptedMethods")
    public List<EncryptionMethod> acceptedMethods() {
        return attempts.stream().filter(MethodAttempt::accepted).map(MethodAttempt::offered)
                .sorted(Comparator.naturalOrder()).toList();
    }

    @JsonProperty("weakestAccepted")
    public Optional<EncryptionMethod> weakestAccepted() {
        return acceptedMethods().stream().findFirst();
    }

    @JsonProperty("strongestAccepted")
    public Optional<EncryptionMethod> strongestAccepted() {
        List<EncryptionMethod> accepted = acceptedMethods();
        return accepted.isEmpty() ? Optional.empty() : Optional.of(accepted.get(accepted.size() - 1));
    }

    /** The encryption level the server announced (the same in every answer from one server). */
    @JsonProperty("encryptionLevel")
    public Optional<EncryptionLevel> encryptionLevel() {
        return attempts.stream().map(MethodAttempt::security).flatMap(Optional::stream)
                .map(ServerSecurityData::level).flatMap(Optional::stream).findFirst();
    }

    /** 40- or 56-bit RC4 accepted, or level Low (server-to-client traffic unencrypted): security.weak-encryption. */
    @JsonProperty("acceptsWeak")
    public boolean acceptsWeak() {
        return acceptedMethods().stream().anyMatch(EncryptionMethod::weak)
                || encryptionLevel().filter(level -> level == EncryptionLevel.LOW).isPresent();
    }

    /** The server answered with method and level None: nothing on the connection is encrypted. */
    @JsonProperty("encryptsNothing")
    public boolean encryptsNothing() {
        return attempts.stream().map(MethodAttempt::security).flatMap(Optional::stream)
                .anyMatch(s -> s.encryptionMethod() == EncryptionMethod.NONE && s.encryptionLevel() == 0);
    }

    /** The RDP version of the server core data, from any answer. */
    @JsonProperty("rdpVersion")
    public Optional<RdpVersion> rdpVersion() {
        return attempts.stream().map(MethodAttempt::reply)
                .filter(r -> r instanceof MethodReply.Answered).map(r -> ((MethodReply.Answered) r).response())
                .map(McsConnectResponse::core).flatMap(Optional::stream).map(ServerCoreData::version).findFirst();
    }

    /** The RSA key size of the server's proprietary certificate, which protects the client random. */
    @JsonProperty("rsaKeyBits")
    public Optional<Integer> rsaKeyBits() {
        return attempts.stream().map(MethodAttempt::security).flatMap(Optional::stream)
                .map(ServerSecurityData::rsaKeyBits).flatMap(Optional::stream).findFirst();
    }

    /** The server answered none of the offers with a Connect-Response. */
    public boolean noAnswer() {
        return attempts.stream().noneMatch(a -> a.reply() instanceof MethodReply.Answered);
    }
}

package rdpcheck.probes.rdp.mcs;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One connection offering exactly one encryption method, and what the server did with it. */
public record MethodAttempt(EncryptionMethod offered, MethodReply reply, double millis) {

    /** The server's security data, when it answered with a successful Connect-Response. */
    public Optional<ServerSecurityData> security() {
        return reply instanceof MethodReply.Answered answered && answered.response().successful()
                ? answered.response().security() : Optional.empty();
    }

    /** The server chose exactly the method offered (nmap's rdp-enum-encryption "SUCCESS"). */
    @JsonProperty("accepted")
    public boolean accepted() {
        return security().map(s -> s.encryptionMethod() == offered.bit()).orElse(false);
    }

    /** The server answered, but with a method the client did not offer: no real client could continue. */
    @JsonProperty("answeredWithOtherMethod")
    public boolean answeredWithOtherMethod() {
        return security().map(s -> s.encryptionMethod() != offered.bit()).orElse(false);
    }

    public String describe() {
        return "offered " + offered.label() + " -> " + reply.describe() + (accepted() ? " (accepted)"
                : answeredWithOtherMethod() ? " (not the method offered)" : "");
    }
}

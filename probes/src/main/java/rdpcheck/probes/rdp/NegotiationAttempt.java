package rdpcheck.probes.rdp;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One Connection Request with one set of requested protocols, and the answer. */
public record NegotiationAttempt(int requestedProtocols, NegotiationReply reply, double millis) {

    @JsonProperty("requested")
    public String requested() {
        return Protocol.describeMask(requestedProtocols);
    }

    public String describe() {
        return "requested " + requested() + " -> " + reply.describe();
    }
}

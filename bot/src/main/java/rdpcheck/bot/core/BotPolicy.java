package rdpcheck.bot.core;

import java.util.Optional;

import rdpcheck.probes.AddressGate;

/**
 * Who may ask for what, and which addresses may be probed: the seam where access allowlists,
 * rate limits, the target policy and the audit log plug in. {@link #PERMISSIVE} lets everything
 * through (the console and the demo on a laptop).
 */
public interface BotPolicy {

    BotPolicy PERMISSIVE = new BotPolicy() {
        @Override
        public Optional<String> refusal(Requester requester, ChatCommand command) {
            return Optional.empty();
        }

        @Override
        public AddressGate addressGate() {
            return AddressGate.ALLOW_ALL;
        }
    };

    /**
     * Empty to let the request through, else the message the requester sees. Called on the
     * platform's event thread for every command, so it must be fast and must not block.
     */
    Optional<String> refusal(Requester requester, ChatCommand command);

    /** Which resolved addresses the probes may connect to. */
    AddressGate addressGate();

    /** Called once per request with what was decided, e.g. {@code "refused: rate limit"}. Must not throw. */
    default void audit(Requester requester, String text, String decision) {
    }
}

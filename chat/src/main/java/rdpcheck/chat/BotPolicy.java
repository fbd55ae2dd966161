package rdpcheck.chat;

import java.util.Optional;

import rdpcheck.probes.AddressGate;

/**
 * Who may ask for what, and which addresses may be probed: the seam where access allowlists,
 * rate limits, the target policy and the audit log plug in. {@link #PERMISSIVE} lets everything
 * through (the console and the demo on a laptop).
 */
public interface BotPolicy {

    BotPolicy PERMISSIVE = permissive(AddressGate.ALLOW_ALL);

    /** Lets every request through; the probes connect to what {@code gate} allows. */
    static BotPolicy permissive(AddressGate gate) {
        return new BotPolicy() {
            @Override
            public Optional<String> refusal(Requester requester, ChatCommand command) {
                return Optional.empty();
            }

            @Override
            public AddressGate addressGate() {
                return gate;
            }
        };
    }

    /**
     * Empty to let the request through, else the message the requester sees. Called on the
     * platform's event thread for every command, so it must be fast and must not block.
     */
    Optional<String> refusal(Requester requester, ChatCommand command);

    /**
     * Empty when the requester may see again what a check of {@code check}'s target found (the
     * "Show raw findings" button), else the message they see. A click may come from another user
     * or channel than the command, and after the configuration changed, so it passes the same
     * access and target policies as a new command; policies that can tell may spare it the rate
     * limits, since nothing is probed. Fast and non-blocking, like {@link #refusal}.
     */
    default Optional<String> viewRefusal(Requester requester, ChatCommand.Check check) {
        return refusal(requester, check);
    }

    /**
     * Empty when the requester may run {@code command} ({@link ChatCommand.Watch}, {@link ChatCommand.Unwatch},
     * {@link ChatCommand.ListWatches}) here, else the message they see. Adding and removing take the
     * access settings' say on who manages watches; a new watch's target passes the target policy as a
     * check would, without costing a rate-limit token (nothing is probed now). By default, as a view.
     */
    default Optional<String> watchRefusal(Requester requester, ChatCommand command) {
        if (command instanceof ChatCommand.Watch watch) {
            return viewRefusal(requester, new ChatCommand.Check(watch.target(), false));
        }
        return refusal(requester, new ChatCommand.Help());
    }

    /** Which resolved addresses the probes may connect to. */
    AddressGate addressGate();

    /** Called once per request with what was decided, e.g. {@code "refused: rate limit"}. Must not throw. */
    default void audit(Requester requester, String text, String decision) {
    }

    /**
     * Called once per admitted check (started, queued, joined or cached) when its answer was
     * delivered or it failed: the outcome an operator needs after an incident. Must not throw.
     */
    default void completed(Requester requester, String text, Completion completion) {
    }
}

package rdpcheck.bot.core;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point every platform calls with what a person typed: parses it, asks the
 * {@link BotPolicy}, acknowledges at once, and delivers the answer later on a delivery thread.
 */
public final class CommandRouter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);

    public static final String HELP = String.join("\n",
            "*rdpcheck* diagnoses why a host does not take Remote Desktop connections.",
            "`/rdpcheck HOST[:PORT]` checks the host (port 3389 unless given) and answers with the verdict;"
                    + " the diagnosis, numbered fix steps, evidence and timings follow in the thread.",
            "`/rdpcheck HOST fresh` ignores a cached result and checks again.",
            "`/rdpcheck explain CODE [EXTENDED]` explains a client error code, e.g. `/rdpcheck explain 0x904 0x7`.",
            "`/rdpcheck help` shows this.");

    /** The outcome of {@link #handle}: what was understood, and when the conversation is over. */
    public record Handled(ChatCommand command, Acknowledgement acknowledgement, CompletableFuture<Void> delivered) {
    }

    private final CheckService service;
    private final BotPolicy policy;
    private final CodeExplainer explainer;
    private final ExecutorService delivery;

    public CommandRouter(CheckService service, BotPolicy policy, CodeExplainer explainer) {
        this.service = Objects.requireNonNull(service, "service");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.explainer = Objects.requireNonNull(explainer, "explainer");
        AtomicInteger threads = new AtomicInteger();
        // Posting answers talks to the platform (and may wait out a 429): never on an event or probe thread.
        this.delivery = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "rdpcheck-deliver-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public CheckService service() {
        return service;
    }

    /**
     * Handles one command; returns after {@link Conversation#acknowledge} was called. Never
     * throws for anything a user typed.
     */
    public Handled handle(Requester requester, String text, Conversation conversation) {
        ChatCommand command = ChatCommand.parse(text);
        if (command instanceof ChatCommand.Invalid invalid) {
            return done(requester, text, command, conversation,
                    new Acknowledgement(Acknowledgement.Kind.INVALID, invalid.message()), "invalid");
        }
        String refusal = policy.refusal(requester, command).orElse(null);
        if (refusal != null) {
            return done(requester, text, command, conversation,
                    new Acknowledgement(Acknowledgement.Kind.REFUSED, refusal), "refused: " + refusal);
        }
        if (command instanceof ChatCommand.Help) {
            return done(requester, text, command, conversation, new Acknowledgement(Acknowledgement.Kind.HELP, HELP), "help");
        }
        if (command instanceof ChatCommand.Explain explain) {
            String explanation;
            try {
                explanation = explainer.explain(explain.code(), explain.extended());
            } catch (RuntimeException e) {
                LOG.warn("explaining {} failed", explain, e);
                explanation = "Could not explain " + explain.code() + ": rdpcheck hit an internal error (see its log).";
            }
            return done(requester, text, command, conversation,
                    new Acknowledgement(Acknowledgement.Kind.EXPLAIN, explanation), "explain");
        }
        ChatCommand.Check check = (ChatCommand.Check) command;
        CheckService.Ticket ticket = service.submit(check.target(), check.fresh());
        Acknowledgement ack = acknowledgement(check, ticket);
        policy.audit(requester, text, "check " + check.target().key() + ": " + ticket.admission().name().toLowerCase(java.util.Locale.ROOT));
        if (ack.kind().isFinal()) {
            conversation.acknowledge(ack);
            return new Handled(command, ack, CompletableFuture.completedFuture(null));
        }
        conversation.acknowledge(ack);
        CompletableFuture<Void> delivered = ticket.answer().handleAsync((answer, error) -> {
            try {
                if (error == null) {
                    conversation.answer(answer);
                } else {
                    conversation.fail(describe(check, error));
                }
            } catch (RuntimeException e) {
                LOG.warn("delivering the answer for {} failed", check.target(), e);
            }
            return null;
        }, delivery);
        return new Handled(command, ack, delivered);
    }

    private Handled done(Requester requester, String text, ChatCommand command, Conversation conversation,
                         Acknowledgement ack, String decision) {
        policy.audit(requester, text, decision);
        conversation.acknowledge(ack);
        return new Handled(command, ack, CompletableFuture.completedFuture(null));
    }

    private static Acknowledgement acknowledgement(ChatCommand.Check check, CheckService.Ticket ticket) {
        String target = "`" + check.target().key() + "`";
        switch (ticket.admission()) {
            case CACHED:
                return new Acknowledgement(Acknowledgement.Kind.CACHED, "Checking " + target + "… (cached result from "
                        + Answer.describe(ticket.age()) + " ago)");
            case QUEUED:
                return new Acknowledgement(Acknowledgement.Kind.QUEUED, "Queued: " + ticket.ahead() + " check"
                        + (ticket.ahead() == 1 ? " is" : "s are") + " waiting before the check of " + target + ".");
            case REJECTED:
                return new Acknowledgement(Acknowledgement.Kind.UNAVAILABLE, describe(check, ticket.answer()
                        .handle((a, e) -> e).join()));
            case JOINED:
                return new Acknowledgement(Acknowledgement.Kind.CHECKING, "Checking " + target
                        + "… (a check of it is already running; you get the same result)");
            default:
                return new Acknowledgement(Acknowledgement.Kind.CHECKING, "Checking " + target + "…");
        }
    }

    private static String describe(ChatCommand.Check check, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof java.util.concurrent.RejectedExecutionException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        if (cause instanceof IllegalStateException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        LOG.warn("the check of {} failed", check.target(), cause);
        return "The check of " + check.target().key() + " failed inside rdpcheck; the log has details.";
    }

    /** Waits for answers being delivered, briefly; the service is closed by its owner. */
    @Override
    public void close() {
        delivery.shutdown();
        try {
            delivery.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

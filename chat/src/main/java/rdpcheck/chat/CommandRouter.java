package rdpcheck.chat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import rdpcheck.checks.FleetResult;
import rdpcheck.checks.HostResult;
import rdpcheck.config.LimitSettings;
import rdpcheck.probes.Target;
import rdpcheck.probes.net.DnsResult;
import rdpcheck.probes.net.DnsProbe;
import rdpcheck.checks.Answer;
import rdpcheck.checks.Asker;
import rdpcheck.checks.History;
import rdpcheck.chat.render.HistoryText;
import rdpcheck.chat.render.WatchText;
import rdpcheck.checks.watch.WatchChannel;
import rdpcheck.checks.watch.WatchSettings;
import rdpcheck.checks.watch.Watches;
import rdpcheck.checks.CheckService;

/**
 * The one entry point every platform calls with what a person typed: parses it, asks the
 * {@link BotPolicy}, acknowledges at once, and delivers the answer later on a delivery thread.
 */
public final class CommandRouter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);

    /** Plain text with `code` spans only: every platform shows backticks as code, but bold is each one's own markup. */
    public static final String HELP = String.join("\n",
            "rdpcheck diagnoses why a host does not take Remote Desktop connections.",
            "`/rdpcheck HOST[:PORT]` checks the host (port 3389 unless given) and answers with the verdict;"
                    + " the diagnosis, numbered fix steps, evidence and timings follow in the thread.",
            "`/rdpcheck HOST fresh` ignores a cached result and checks again.",
            "`/rdpcheck HOST1 HOST2 ...` checks several hosts at once and answers with a summary grouped by root cause;"
                    + " each host with problems gets its report in the thread.",
            "`/rdpcheck GATEWAY gateway` checks an RD Gateway itself (port 443 unless given): its certificate, its HTTP"
                    + " transports (RDG, WebSocket, RPC over HTTP), its authentication schemes and UDP 3391.",
            "`/rdpcheck HOST via GATEWAY[:PORT]` checks the host and the RD Gateway users reach it through.",
            "`/rdpcheck explain CODE [EXTENDED]` explains a client error code, e.g. `/rdpcheck explain 0x904 0x7`.",
            "`/rdpcheck history HOST` lists the last checks of the host (time, verdict, who asked), newest first.",
            "`/rdpcheck watch HOST [every 30m|1h|6h|1d]` checks the host on a schedule and alerts this channel once per"
                    + " event: a new critical problem, recovery, a change, the certificate's end.",
            "`/rdpcheck unwatch HOST` stops that; `/rdpcheck watches` lists this channel's watches.",
            "`/rdpcheck help` shows this.");

    /** The outcome of {@link #handle}: what was understood, and when the conversation is over. */
    public record Handled(ChatCommand command, Acknowledgement acknowledgement, CompletableFuture<Void> delivered) {
    }

    private final CheckService service;
    private final BotPolicy policy;
    private final CodeExplainer explainer;
    private final ExecutorService delivery;
    private final int maxHosts;
    private final History history;
    private final Watches watches;
    private final WatchSettings watchSettings;

    /** {@code /rdpcheck history HOST} shows at most this many earlier checks. */
    static final int HISTORY_SHOWN = 10;

    public CommandRouter(CheckService service, BotPolicy policy, CodeExplainer explainer) {
        this(service, policy, explainer, LimitSettings.DEFAULT_MAX_HOSTS_PER_COMMAND);
    }

    /** @param maxHosts hosts one command may name ({@code limits.max_hosts_per_command}) */
    public CommandRouter(CheckService service, BotPolicy policy, CodeExplainer explainer, int maxHosts) {
        this(service, policy, explainer, maxHosts, History.NONE);
    }

    /** @param history what {@code /rdpcheck history HOST} reads */
    public CommandRouter(CheckService service, BotPolicy policy, CodeExplainer explainer, int maxHosts, History history) {
        this(service, policy, explainer, maxHosts, history, Watches.off("watches are not kept here"), WatchSettings.defaults());
    }

    /**
     * @param watches       what {@code /rdpcheck watch}, {@code unwatch} and {@code watches} change and read
     * @param watchSettings their bounds ({@code watch.max_per_channel}, {@code watch.max_total})
     */
    public CommandRouter(CheckService service, BotPolicy policy, CodeExplainer explainer, int maxHosts, History history,
                         Watches watches, WatchSettings watchSettings) {
        this.watches = Objects.requireNonNull(watches, "watches");
        this.watchSettings = Objects.requireNonNull(watchSettings, "watchSettings");
        this.history = Objects.requireNonNull(history, "history");
        if (maxHosts < 1) {
            throw new IllegalArgumentException("maxHosts must be at least 1, not " + maxHosts);
        }
        this.maxHosts = maxHosts;
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
    /** Who a queued check belongs to, for the fair queue: one chat user in one workspace. */
    static String owner(Requester requester) {
        return requester.platform() + ":" + requester.workspace() + ":" + requester.user();
    }

    /** Who asked, as the history keeps it: the platform, the user, and the workspace and channel. */
    static Asker asker(Requester requester) {
        String where = requester.workspace().isEmpty() ? requester.channel()
                : requester.workspace() + "/" + requester.channel();
        return new Asker(requester.platform(), requester.user(), where);
    }

    /** Where a queued check was asked, for the fair queue: one channel in one workspace. */
    static String channel(Requester requester) {
        return requester.platform() + ":" + requester.workspace() + ":" + requester.channel();
    }

    public Handled handle(Requester requester, String text, Conversation conversation) {
        return handle(requester, ChatCommand.parse(text), text, conversation);
    }

    /**
     * Handles a command a platform built from typed fields (options, buttons) instead of text;
     * {@code asTyped} is how it reads as text, for the audit log.
     */
    public Handled handle(Requester requester, ChatCommand command, String asTyped, Conversation conversation) {
        // One id per request on every log line (logback's %X{request}) and audit line it causes, on
        // this thread and on the delivery thread, so an operator can follow one request through both.
        try (MDC.MDCCloseable ignored = MDC.putCloseable(REQUEST_ID, newRequestId())) {
            return handleNow(requester, command, asTyped, conversation);
        }
    }

    /** The MDC key of the request id; the audit log writes it as {@code "request"}. */
    public static final String REQUEST_ID = "request";

    private static String newRequestId() {
        return String.format("%08x", java.util.concurrent.ThreadLocalRandom.current().nextInt());
    }

    /** {@code executor}, with the calling thread's request id on the task's thread while it runs. */
    private static java.util.concurrent.Executor withRequestId(java.util.concurrent.Executor executor) {
        String request = MDC.get(REQUEST_ID);
        return task -> executor.execute(() -> {
            try (MDC.MDCCloseable ignored = request == null ? null : MDC.putCloseable(REQUEST_ID, request)) {
                task.run();
            }
        });
    }

    private Handled handleNow(Requester requester, ChatCommand command, String asTyped, Conversation conversation) {
        long arrived = System.nanoTime();
        String text = asTyped;
        if (command instanceof ChatCommand.Invalid invalid) {
            return done(requester, text, command, conversation,
                    new Acknowledgement(Acknowledgement.Kind.INVALID, invalid.message()), "invalid");
        }
        if (command instanceof ChatCommand.CheckMany many) {
            return handleMany(requester, text, many, conversation, arrived);
        }
        if (command instanceof ChatCommand.History asked) {
            // the history tells what checks found: whoever could not check the host may not read it either
            String refusal = policy.viewRefusal(requester, new ChatCommand.Check(asked.target(), false)).orElse(null);
            if (refusal != null) {
                return done(requester, text, command, conversation,
                        new Acknowledgement(Acknowledgement.Kind.REFUSED, refusal), "refused: " + refusal);
            }
            String answer = history.off().map(why -> "No history: " + why + ".")
                    .orElseGet(() -> HistoryText.render(asked.target(), history.recent(asked.target(), HISTORY_SHOWN),
                            java.time.Instant.now()));
            return done(requester, text, command, conversation, new Acknowledgement(Acknowledgement.Kind.HISTORY, answer),
                    "history " + asked.target().key());
        }
        if (command instanceof ChatCommand.Watch || command instanceof ChatCommand.Unwatch
                || command instanceof ChatCommand.ListWatches) {
            return handleWatch(requester, text, command, conversation);
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
        if (named(List.of(check.target())) > maxHosts) {
            return done(requester, text, command, conversation, new Acknowledgement(Acknowledgement.Kind.INVALID,
                    "That names a host and its RD Gateway; one command checks at most " + maxHosts + " host"
                            + (maxHosts == 1 ? "" : "s") + " (limits.max_hosts_per_command)."), "invalid");
        }
        // its addresses (and its gateway's) are the command's hosts, as many as limits.max_hosts_per_command
        CheckService.Ticket ticket = service.submit(check.target(), check.fresh(), channel(requester), owner(requester),
                addressBudget(named(List.of(check.target()))), asker(requester));
        Acknowledgement ack = acknowledgement(check, ticket);
        policy.audit(requester, text, "check " + check.target().key() + ": " + ticket.admission().name().toLowerCase(java.util.Locale.ROOT));
        if (ack.kind().isFinal()) {
            conversation.acknowledge(ack);
            return new Handled(command, ack, CompletableFuture.completedFuture(null));
        }
        conversation.acknowledge(ack);
        CompletableFuture<Void> delivered = ticket.answer().handleAsync((answer, error) -> {
            String failure = error == null ? null : describe(check, error);
            try {
                if (error == null) {
                    conversation.answer(answer);
                } else {
                    conversation.fail(failure);
                }
            } catch (RuntimeException e) {
                LOG.warn("delivering the answer for {} failed", check.target(), e);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - arrived);
            String key = check.target().key();
            try {
                policy.completed(requester, text, error == null ? Completion.answered(key, answer, took)
                        : Completion.failed(key, failure, took));
            } catch (RuntimeException e) {
                LOG.warn("auditing the outcome for {} failed", check.target(), e);
            }
            return null;
        }, withRequestId(delivery));
        return new Handled(command, ack, delivered);
    }

    /**
     * {@code watch}, {@code unwatch}, {@code watches}: the channel's watches in the store. Who may add
     * and remove them is the policy's ({@link BotPolicy#watchRefusal}); nothing is probed here (the
     * first run is the watch runner's, within a minute).
     */
    private Handled handleWatch(Requester requester, String text, ChatCommand command, Conversation conversation) {
        String refusal = policy.watchRefusal(requester, command).orElse(null);
        if (refusal != null) {
            return done(requester, text, command, conversation,
                    new Acknowledgement(Acknowledgement.Kind.REFUSED, refusal), "refused: " + refusal);
        }
        if (watches.off().isPresent()) {
            return done(requester, text, command, conversation, new Acknowledgement(Acknowledgement.Kind.UNAVAILABLE,
                    "Watches need the history store, and it is off: " + watches.off().get() + "."), "watch: store off");
        }
        WatchChannel channel;
        try {
            channel = new WatchChannel(requester.platform(), requester.channel());
        } catch (IllegalArgumentException e) {
            return done(requester, text, command, conversation, new Acknowledgement(Acknowledgement.Kind.INVALID,
                    "Watches are kept per channel, and this place has no channel rdpcheck can post to."), "invalid");
        }
        java.time.Instant now = java.time.Instant.now();
        try {
            if (command instanceof ChatCommand.Watch watch) {
                Watches.Added added = watches.add(watch.target(), channel, watch.every(), requester.user(), now, now,
                        watchSettings.maxPerChannel(), watchSettings.maxTotal());
                Acknowledgement.Kind kind = added instanceof Watches.Added.Full ? Acknowledgement.Kind.REFUSED
                        : Acknowledgement.Kind.WATCH;
                return done(requester, text, command, conversation, new Acknowledgement(kind,
                        WatchText.added(added, now, watchSettings.expiryDays())), "watch " + watch.target().key());
            }
            if (command instanceof ChatCommand.Unwatch unwatch) {
                boolean removed = watches.remove(channel, unwatch.target());
                return done(requester, text, command, conversation, new Acknowledgement(Acknowledgement.Kind.WATCH,
                        removed ? "No longer watching `" + unwatch.target().key() + "` in this channel."
                                : "This channel does not watch `" + unwatch.target().key() + "`; `/rdpcheck watches` lists"
                                + " what it watches."), "unwatch " + unwatch.target().key());
            }
            return done(requester, text, command, conversation, new Acknowledgement(Acknowledgement.Kind.WATCH,
                    WatchText.list(Optional.of(channel), watches.list(channel), now)), "watches");
        } catch (Watches.Unavailable e) {
            LOG.warn("watches: {}", e.getMessage());
            return done(requester, text, command, conversation, new Acknowledgement(Acknowledgement.Kind.UNAVAILABLE,
                    "The watch store cannot be used right now: " + e.getMessage() + "."), "watch: store failed");
        }
    }

    /**
     * For "Show raw findings": the answer kept for {@code targetText}, if {@code requester} may see it.
     * The click may come from another user or channel than the command, and the configuration may
     * have changed since, so the access and target policies are asked as for a new command, and
     * every address the kept report connected to must still pass the target policy. Probes
     * nothing, never throws for anything a user sent.
     */
    public Recall recall(Requester requester, String targetText) {
        ChatCommand command = ChatCommand.parse(targetText);
        if (!(command instanceof ChatCommand.Check check) || check.fresh()) {
            return new Recall.Gone(targetText);
        }
        Optional<String> refusal = policy.viewRefusal(requester, check);
        if (refusal.isPresent()) {
            return new Recall.Refused(refusal.get());
        }
        Optional<Answer> kept = service.cached(check.target());
        if (kept.isEmpty()) {
            return new Recall.Gone(check.target().key());
        }
        List<String> addresses = kept.get().report().findings().result(DnsProbe.ID)
                .map(DnsResult::addresses).orElse(List.of());
        for (String address : addresses) {
            Optional<String> denied = addressRefusal(address, check.target().port());
            if (denied.isPresent()) {
                policy.audit(requester, targetText, "refused: raw findings of " + address + ": " + denied.get());
                return new Recall.Refused("The findings of `" + check.target().key() + "` cannot be shown: "
                        + denied.get() + ".");
            }
        }
        policy.audit(requester, targetText, "raw findings of " + check.target().key());
        return new Recall.Found(kept.get());
    }

    private Optional<String> addressRefusal(String literal, int port) {
        // Only literals, as DnsProbe records them: a name here would be looked up, which recall must not do.
        if (!new Target(literal, port, literal).isIpLiteral()) {
            return Optional.of(literal + " is not an address");
        }
        try {
            // A literal: InetAddress parses it without any lookup.
            return policy.addressGate().refusal(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            return Optional.of(literal + " is not an address");
        }
    }

    /**
     * Several hosts: every one must pass the access and target policies; the command costs one
     * rate-limit token (its size is bounded by {@code maxHosts} instead, counted in addresses: each
     * name may connect to at most its share, {@code maxHosts / hosts}). The checks go through
     * the service like single ones (cache, sharing, the bound on running checks); the answer waits
     * for all of them.
     */
    private Handled handleMany(Requester requester, String text, ChatCommand.CheckMany many, Conversation conversation,
                               long arrived) {
        int named = named(many.targets());
        if (named > maxHosts) {
            return done(requester, text, many, conversation, new Acknowledgement(Acknowledgement.Kind.INVALID,
                    "That names " + named + " hosts; one command checks at most " + maxHosts
                            + ". Split the list, or run `rdpcheck check --targets FILE` from a terminal."), "invalid");
        }
        for (Target target : many.targets()) {
            String refusal = policy.viewRefusal(requester, new ChatCommand.Check(target, many.fresh())).orElse(null);
            if (refusal != null) {
                String why = target.key() + ": " + refusal;
                return done(requester, text, many, conversation,
                        new Acknowledgement(Acknowledgement.Kind.REFUSED, why), "refused: " + why);
            }
        }
        String refusal = policy.refusal(requester, new ChatCommand.Check(many.targets().get(0), many.fresh())).orElse(null);
        if (refusal != null) {
            return done(requester, text, many, conversation,
                    new Acknowledgement(Acknowledgement.Kind.REFUSED, refusal), "refused: " + refusal);
        }
        // the hosts share limits.max_hosts_per_command in addresses: a name of many A records is not a sweep
        int perName = addressBudget(named);
        Map<Target, CheckService.Ticket> tickets = new LinkedHashMap<>();
        for (Target target : many.targets()) {
            tickets.put(target, service.submit(target, many.fresh(), channel(requester), owner(requester), perName,
                    asker(requester)));
        }
        long cached = tickets.values().stream().filter(t -> t.admission() == CheckService.Admission.CACHED).count();
        long queued = tickets.values().stream().filter(t -> t.admission() == CheckService.Admission.QUEUED).count();
        Acknowledgement ack = new Acknowledgement(Acknowledgement.Kind.CHECKING, "Checking " + tickets.size() + " hosts…"
                + (cached > 0 ? " (" + cached + " from the cache)" : "")
                + (queued > 0 ? " " + queued + " wait in the queue behind other checks." : "")
                + (perName < policy.addressGate().maxAddressesPerName()
                ? " At most " + perName + (perName == 1 ? " address" : " addresses") + " of each name are checked." : ""));
        policy.audit(requester, text, "check " + tickets.size() + " hosts: " + tickets.keySet().stream().map(Target::key)
                .collect(java.util.stream.Collectors.joining(" ")));
        conversation.acknowledge(ack);
        long started = System.nanoTime();
        // every answer future completes: a check has a deadline, a refused one fails at once
        CompletableFuture<?>[] all = tickets.values().stream().map(t -> t.answer().handle((a, e) -> null))
                .toArray(CompletableFuture[]::new);
        CompletableFuture<Void> delivered = CompletableFuture.allOf(all).handleAsync((ignored, error) -> {
            List<HostResult> hosts = new ArrayList<>();
            Map<String, Answer> answers = new LinkedHashMap<>();
            tickets.forEach((target, ticket) -> {
                Answer answer = ticket.answer().handle((a, e) -> a).join();
                if (answer != null) {
                    hosts.add(new HostResult.Checked(target, answer.report()));
                    answers.put(target.key(), answer);
                } else {
                    String why = ticket.answer().handle((a, e) -> describe(new ChatCommand.Check(target, false), e)).join();
                    hosts.add(new HostResult.Broken(target, why));
                }
            });
            FleetAnswer fleet = new FleetAnswer(new FleetResult(hosts, Duration.ofNanos(System.nanoTime() - started)),
                    answers);
            try {
                conversation.answerMany(fleet);
            } catch (RuntimeException e) {
                LOG.warn("delivering the answer for {} hosts failed", hosts.size(), e);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - arrived);
            for (HostResult host : hosts) {
                try {
                    String key = host.target().key();
                    policy.completed(requester, text, host instanceof HostResult.Broken broken
                            ? Completion.failed(key, broken.reason(), took) : Completion.answered(key, answers.get(key), took));
                } catch (RuntimeException e) {
                    LOG.warn("auditing the outcome for {} failed", host.target(), e);
                }
            }
            return null;
        }, withRequestId(delivery));
        return new Handled(many, ack, delivered);
    }

    /**
     * The addresses each of {@code names} hosts may connect to: their share of {@code maxHosts}.
     * Without a cap in the policy (local use) there is no budget either.
     */
    private int addressBudget(int names) {
        return policy.addressGate().maxAddressesPerName() == Integer.MAX_VALUE ? Integer.MAX_VALUE
                : Math.max(1, maxHosts / names);
    }

    /** The hosts a command makes rdpcheck talk to: each target, and each RD Gateway in front of one, once. */
    static int named(List<Target> targets) {
        java.util.Set<String> hosts = new java.util.HashSet<>();
        for (Target target : targets) {
            hosts.add(new Target(target.host(), target.port(), target.host()).key());
            target.gateway().filter(g -> g != target).ifPresent(g -> hosts.add(new Target(g.host(), g.port(), g.host()).key()));
        }
        return hosts.size();
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

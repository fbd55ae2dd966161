package rdpcheck.chat.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import rdpcheck.chat.Requester;
import rdpcheck.config.Settings;
import rdpcheck.probes.InvalidTargetException;
import rdpcheck.probes.Target;
import rdpcheck.probes.TargetParser;

/**
 * The one door every chat request to check a host goes through, in this order: who may ask
 * (access policy), what may be probed (target syntax and policy) and how often (rate limits: only
 * a request that would probe takes a token). A refusal is audited at once; the chat router audits
 * an admitted request at once and its outcome with {@link #recordCompleted}. {@link ChatPolicy} is
 * its face to the router.
 *
 * Local requests ({@link Platform#CLI}, {@link Platform#CONSOLE}) skip the access rule and target
 * policies and the rate limits unless {@code policy.apply_to_cli} is true.
 */
final class RequestGate {

    private final Settings settings;
    private final TargetPolicy targetPolicy;
    private final AccessRule access;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final Redactor redactor;
    private final Clock clock;

    public RequestGate(Settings settings, AccessRule access, RateLimiter limiter, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.targetPolicy = new TargetPolicy(settings.policy());
        this.access = java.util.Objects.requireNonNull(access, "access");
        this.limiter = limiter;
        this.audit = audit;
        this.redactor = new Redactor(settings.secrets());
        this.clock = clock;
    }

    /** @param access the platform's allowlists ({@link AccessRule#ANYONE} for local requests) */
    public static RequestGate create(Settings settings, AccessRule access, AuditLog audit) {
        return new RequestGate(settings, access, new RateLimiter(settings.limits()), audit, Clock.systemUTC());
    }

    public TargetPolicy targetPolicy() {
        return targetPolicy;
    }

    /** Scrubs the configured secrets and token-shaped text; renderers may use it on outgoing messages. */
    public Redactor redactor() {
        return redactor;
    }

    /** Only the access policy: for commands that probe nothing ({@code help}, {@code explain}). */
    public AccessDecision access(ChatRequest request) {
        return enforced(request) ? decide(request) : AccessDecision.ALLOWED;
    }

    /**
     * Whether the requester may add or remove watches: the access policy, then the platform's list of
     * who may manage watches ({@link AccessRule#decideWatch}). A refusal is audited.
     */
    public Optional<Refusal> screenWatchAccess(ChatRequest request) {
        if (!enforced(request)) {
            return Optional.empty();
        }
        AccessDecision decision = decide(request);
        if (decision.allowed()) {
            decision = access.decideWatch(new Requester(request.platform().label(), request.workspace(), request.channel(),
                    request.user()), request.groups());
        }
        return decision.allowed() ? Optional.empty()
                : Optional.of(refuse(request, clock.instant(), System.nanoTime(), decision.code(), decision.reason(),
                Optional.empty()));
    }

    /**
     * Access, target syntax and policy, rate limits. A refusal is audited here; an empty answer
     * means the request may go on (and is audited by whoever runs it: {@link #recordAllowed},
     * {@link #recordCompleted}). How many run at once is CheckService's queue.
     */
    public Optional<Refusal> screen(ChatRequest request) {
        return screen(request, clock.instant(), System.nanoTime(), true).refused();
    }

    /**
     * The access and target policies without the rate limits: for looking again at what an
     * earlier check found ("Show raw findings"), which probes nothing but may come from another
     * user or channel than the check, or after the configuration changed. A refusal is audited.
     */
    public Optional<Refusal> screenView(ChatRequest request) {
        return screen(request, clock.instant(), System.nanoTime(), false).refused();
    }

    private record Screened(Optional<Target> target, Optional<Refusal> refused) {
        static Screened no(Refusal refused) {
            return new Screened(Optional.empty(), Optional.of(refused));
        }
    }

    private Screened screen(ChatRequest request, Instant now, long started, boolean rateLimited) {
        boolean enforced = enforced(request);
        if (enforced) {
            AccessDecision access = decide(request);
            if (!access.allowed()) {
                return Screened.no(refuse(request, now, started, access.code(), access.reason(), Optional.empty()));
            }
        }
        if (redactor.holdsSecret(request.targetText())) {
            // Before parsing, for every platform: a secret is never looked up, probed or echoed.
            return Screened.no(refuse(request, now, started, "target.secret", capitalise(TargetParser.SECRET_REFUSAL) + ".",
                    Optional.empty()));
        }
        Target target;
        try {
            target = TargetParser.parse(request.targetText());
        } catch (InvalidTargetException e) {
            return Screened.no(refuse(request, now, started, "target.invalid", e.getMessage(), Optional.empty()));
        }
        if (enforced) {
            Optional<String> denied = targetPolicy.check(target);
            if (denied.isPresent()) {
                return Screened.no(refuse(request, now, started, "target.denied", capitalise(denied.get()) + ".",
                        Optional.empty()));
            }
            // Last: a mistyped or denied target probes nothing and costs nothing, so it takes no token
            // (refusals are audited either way, so a flood of them is still on record).
            Optional<RateLimiter.Limited> limited = !rateLimited ? Optional.empty()
                    : limiter.tryAcquire(userKey(request), channelKey(request));
            if (limited.isPresent()) {
                RateLimiter.Limited l = limited.get();
                long seconds = l.retryAfter().toSeconds();
                String message = l.scope() == RateLimiter.Scope.USER
                        ? "You have started several checks in a short time. Try again in " + seconds + " s."
                        : "This channel has started many checks just now. Try again in " + seconds + " s.";
                String code = l.scope() == RateLimiter.Scope.USER ? "rate.user" : "rate.channel";
                return Screened.no(refuse(request, now, started, code, message, Optional.of(l.retryAfter())));
            }
        }
        return new Screened(Optional.of(target), Optional.empty());
    }

    /**
     * Charges a check's extra addresses to the rate limits of whoever caused it: the request took
     * one token for its name, and a name that resolved to four addresses was four hosts' work. The
     * next request of that user or channel waits until the debt is paid off.
     */
    public void chargeAddresses(ChatRequest request, int addressesChecked) {
        if (enforced(request) && addressesChecked > 1) {
            limiter.charge(userKey(request), channelKey(request), addressesChecked - 1);
        }
    }

    private static String userKey(ChatRequest request) {
        return request.platform().label() + ":" + request.workspace() + ":" + request.user();
    }

    private static String channelKey(ChatRequest request) {
        return request.channel().isEmpty() ? "" : request.platform().label() + ":" + request.channel();
    }

    /** Writes one audit line for a request that was let through, when its outcome is known. */
    public void recordAllowed(ChatRequest request, String target, String outcome, List<String> diagnosisIds,
                              Duration took) {
        audit.record(record(request, target, clock.instant(), "allowed", outcome, diagnosisIds, took.toMillis()));
    }

    /**
     * Writes the completion line of an admitted check: how it ended ({@code ok}, {@code shared},
     * {@code cached}, {@code failed}), the report's worst severity and root cause, its ranked
     * diagnosis ids, whether the cache answered, and the time from the request.
     */
    public void recordCompleted(ChatRequest request, String target, String reason, AuditRecord.Outcome outcome,
                                List<String> diagnosisIds, Duration took) {
        AuditRecord line = record(request, target, clock.instant(), "completed", reason, diagnosisIds, took.toMillis());
        audit.record(new AuditRecord(line.time(), line.platform(), line.workspace(), line.user(), line.channel(),
                line.target(), line.decision(), line.reason(), line.diagnoses(), line.durationMillis(),
                Optional.of(outcome)));
    }

    /** Whether the policies apply to this request: always for chat, for local requests only with policy.apply_to_cli. */
    public boolean enforced(Platform platform) {
        return !platform.isLocal() || settings.policy().applyToCli();
    }

    private AccessDecision decide(ChatRequest request) {
        return access.decide(new Requester(request.platform().label(), request.workspace(), request.channel(),
                request.user()), request.groups());
    }

    private boolean enforced(ChatRequest request) {
        return enforced(request.platform());
    }

    private Refusal refuse(ChatRequest request, Instant now, long started, String code, String message,
                                     Optional<Duration> retryAfter) {
        audit.record(record(request, request.targetText(), now, "refused", code, List.of(),
                (System.nanoTime() - started) / 1_000_000));
        return new Refusal(code, redactor.scrub(message), retryAfter);
    }

    static AuditRecord record(ChatRequest request, String target, Instant time, String decision, String reason,
                              List<String> diagnoses, long millis) {
        return new AuditRecord(time, request.platform().label(), request.workspace(), request.user(), request.channel(),
                target, decision, reason, diagnoses, millis);
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

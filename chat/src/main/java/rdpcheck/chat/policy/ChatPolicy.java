package rdpcheck.chat.policy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import rdpcheck.checks.Answer;
import rdpcheck.chat.BotPolicy;
import rdpcheck.chat.ChatCommand;
import rdpcheck.chat.Completion;
import rdpcheck.chat.Requester;
import rdpcheck.config.Settings;
import rdpcheck.probes.AddressGate;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.net.TcpResult;
import rdpcheck.probes.report.Report;

/**
 * The configured {@link BotPolicy} for the bot core's {@code CommandRouter}: access allowlists
 * and rate limits on every command that probes, the target policy before any lookup and as the
 * probes' {@link AddressGate}, and the audit log. The running-checks cap is the CheckService's
 * ({@code limits.max_running_checks} maps onto its {@code maxConcurrent}).
 *
 * <pre>
 * Settings settings = ConfigLoader.load(configFile).settings();
 * AuditLog audit = AuditLog.of(settings);
 * BotPolicy policy = ChatPolicy.create(settings, Platform.chat("slack"), slackAccess, audit, groups);
 * CheckService service = new CheckService(Checker.standard(SettingsOptions.of(settings, policy.addressGate())), ...);
 * new CommandRouter(service, policy, explainer);
 * </pre>
 */
public final class ChatPolicy implements BotPolicy {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChatPolicy.class);

    private final RequestGate gate;
    private final Platform platform;
    private final GroupResolver groups;

    public ChatPolicy(RequestGate gate, Platform platform, GroupResolver groups) {
        this.gate = gate;
        this.platform = platform;
        this.groups = groups;
    }

    /** A policy for one platform's router, with its own rate limiter and the platform's access rule. */
    public static ChatPolicy create(Settings settings, Platform platform, AccessRule access, AuditLog audit,
                                    GroupResolver groups) {
        return new ChatPolicy(RequestGate.create(settings, access, audit), platform, groups);
    }

    public RequestGate gate() {
        return gate;
    }

    @Override
    public Optional<String> refusal(Requester requester, ChatCommand command) {
        ChatRequest request = request(requester, command instanceof ChatCommand.Check check ? check.target().input() : "");
        if (command instanceof ChatCommand.Check) {
            return gate.screen(request).map(Refusal::message);
        }
        // help and explain probe nothing: only who may use the bot matters
        AccessDecision access = gate.access(request);
        return access.allowed() ? Optional.empty() : Optional.of(access.reason());
    }

    @Override
    public Optional<String> viewRefusal(Requester requester, ChatCommand.Check check) {
        return gate.screenView(request(requester, check.target().input())).map(Refusal::message);
    }

    @Override
    public Optional<String> watchRefusal(Requester requester, ChatCommand command) {
        if (command instanceof ChatCommand.ListWatches) {
            return refusal(requester, command);
        }
        String target = command instanceof ChatCommand.Watch w ? w.target().input()
                : command instanceof ChatCommand.Unwatch u ? u.target().input() : "";
        Optional<String> who = gate.screenWatchAccess(request(requester, target)).map(Refusal::message);
        if (who.isPresent() || !(command instanceof ChatCommand.Watch)) {
            return who;
        }
        return gate.screenView(request(requester, target)).map(Refusal::message);
    }

    @Override
    public AddressGate addressGate() {
        return gate.enforced(platform) ? gate.targetPolicy() : AddressGate.ALLOW_ALL;
    }

    @Override
    public void audit(Requester requester, String text, String decision) {
        if (decision.startsWith("refused")) {
            return; // the gate wrote the refusal's line, with its code
        }
        try {
            gate.recordAllowed(request(requester, text), text, decision, List.of(), Duration.ZERO);
        } catch (RuntimeException e) {
            // the contract: auditing never throws into the router; a lost audit line is said in the log
            LOG.warn("audit line could not be written for a request of {}", requester.platform(), e);
        }
    }

    @Override
    public void completed(Requester requester, String text, Completion completion) {
        try {
            ChatRequest request = request(requester, text);
            if (completion.answer().isEmpty()) {
                gate.recordCompleted(request, completion.target(), "failed",
                        new AuditRecord.Outcome(Optional.empty(), Optional.empty(), false, completion.failure()),
                        List.of(), completion.took());
                return;
            }
            Answer answer = completion.answer().get();
            Report report = answer.report();
            if (answer.freshness() == Answer.Freshness.NEW) {
                // this request made the probes run: every address they connected to counts
                gate.chargeAddresses(request, report.findings().result(rdpcheck.probes.net.TcpProbe.ID).map(TcpResult::checked).orElse(0));
            }
            List<String> ids = report.diagnoses().stream().map(Diagnosis::id).toList();
            gate.recordCompleted(request, completion.target(), reason(answer.freshness()),
                    new AuditRecord.Outcome(Optional.of(report.worstSeverity().name().toLowerCase(Locale.ROOT)),
                            ids.stream().findFirst(), answer.freshness() == Answer.Freshness.CACHED, Optional.empty()),
                    ids, completion.took());
        } catch (RuntimeException e) {
            // the contract: auditing never throws into the router; a lost audit line is said in the log
            LOG.warn("audit line could not be written for a request of {}", requester.platform(), e);
        }
    }

    private static String reason(Answer.Freshness freshness) {
        switch (freshness) {
            case CACHED:
                return "cached";
            case SHARED:
                return "shared";
            default:
                return "ok";
        }
    }

    /**
     * Every request through this policy is judged as coming from its platform: a router serves one
     * platform, so a requester naming another (or none rdpcheck knows) gets no other platform's trust.
     */
    private ChatRequest request(Requester requester, String target) {
        return new ChatRequest(platform, requester.workspace(), requester.channel(), requester.user(),
                groups.groupsOf(requester), target);
    }
}

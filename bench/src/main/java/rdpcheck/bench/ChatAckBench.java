package rdpcheck.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.chat.BotPolicy;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckSettings;
import rdpcheck.checks.Checker;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Explainers;
import rdpcheck.chat.slack.FakeSlack;
import rdpcheck.chat.slack.SlackBot;
import rdpcheck.chat.slack.SlackSettings;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabHost;

/**
 * (b) Chat acknowledgement time: the real Bolt app in Socket Mode against the offline
 * {@link FakeSlack} (chat-slack test classes), 1,000 {@code /rdpcheck HOST} commands one after the other
 * over 20 lab hosts. Ack = envelope sent to ack received (FakeSlack's own clock). Cached answer =
 * command sent to the verdict's chat.postMessage received, for commands whose host was checked before.
 */
final class ChatAckBench {

    static final int REQUESTS = 1000;
    static final int HOSTS = 20;

    private final StringBuilder md;
    private final ConnectionHandler handler;
    private final boolean quick;

    ChatAckBench(StringBuilder md, ConnectionHandler handler, boolean quick) {
        this.md = md;
        this.handler = handler;
        this.quick = quick;
    }

    void run() throws Exception {
        int requests = quick ? 200 : REQUESTS;
        List<LabHost> labs = new ArrayList<>();
        try (FakeSlack slack = new FakeSlack()) {
            CheckService service = new CheckService(Checker.standard(ProbeOptions.defaults().withDeadline(Duration.ofSeconds(10))),
                    CheckSettings.defaults(), new SimpleMeterRegistry());
            CommandRouter router = new CommandRouter(service, BotPolicy.PERMISSIVE, Explainers.unavailable());
            SlackBot bot = new SlackBot(new SlackSettings("xoxb-0000000000-0000000000000-benchbenchbench",
                    "xapp-1-A0RDPCHECK-0000000000000-benchbenchbe", "", SlackSettings.Mode.SOCKET, 0, slack.apiUrl()),
                    router, new SimpleMeterRegistry());
            try {
                bot.start();
                slack.awaitSocketConnections(1, Duration.ofSeconds(20));
                for (int i = 0; i < HOSTS; i++) {
                    labs.add(LabHost.start("chat-" + i, handler));
                }
                for (int i = 0; i < 20; i++) { // warm-up: class loading, JIT of the Socket Mode path
                    slack.slashCommand("help", "C-WARM", "U0", slack.newResponseUrl()).get(10, TimeUnit.SECONDS);
                }
                com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long cpuCached = 0;
                List<Double> acks = new ArrayList<>();
                List<Double> freshAcks = new ArrayList<>();
                List<Double> cachedAnswers = new ArrayList<>();
                StringBuilder raw = new StringBuilder("ack_ms,answer_ms\n");
                for (int i = 0; i < requests; i++) {
                    LabHost host = labs.get(i % HOSTS);
                    String target = "127.0.0.1:" + host.port();
                    boolean cached = service.cached(host.target()).isPresent();
                    String channel = "C-B" + i; // one channel per request: Slack's per-channel post limit never applies
                    long cpuBefore = os.getProcessCpuTime();
                    long sent = System.nanoTime();
                    FakeSlack.Ack ack = slack.slashCommand(target, channel, "U1", slack.newResponseUrl()).get(30, TimeUnit.SECONDS);
                    double ackMs = ack.elapsed().toNanos() / 1e6;
                    acks.add(ackMs);
                    if (!cached) {
                        freshAcks.add(ackMs);
                    }
                    FakeSlack.Posted parent = slack.awaitPosted(p -> p.channel().equals(channel) && p.threadTs() == null
                            && p.method().equals("chat.postMessage"), 1, Duration.ofSeconds(30)).get(0);
                    if (cached) {
                        slack.awaitPosted(p -> p.channel().equals(channel) && p.threadTs() != null, 1, Duration.ofSeconds(30));
                        cpuCached += os.getProcessCpuTime() - cpuBefore;
                        cachedAnswers.add((parent.receivedNanos() - sent) / 1e6);
                        raw.append(String.format(Locale.ROOT, "%.3f,%.3f%n", ackMs, (parent.receivedNanos() - sent) / 1e6));
                    }
                }
                java.nio.file.Files.writeString(java.nio.file.Path.of("bench/out/chat-cached-raw.csv"), raw);
                Stats ack = Stats.of(acks);
                Stats fresh = Stats.of(freshAcks);
                Stats answer = Stats.of(cachedAnswers);
                md.append("## (b) Chat acknowledgement time (offline fake Slack)\n\n");
                md.append("The real Bolt app (`SlackBot`, Socket Mode) with the real `CommandRouter` and `CheckService`, against"
                        + " `rdpcheck.chat.slack.FakeSlack` (chat-slack test classes): ").append(requests)
                        .append(" `/rdpcheck 127.0.0.1:PORT` commands one after another, over ").append(HOSTS)
                        .append(" lab hosts (the first command per host runs the probes; the rest are answered from the"
                                + " cache). Ack = envelope sent → ack received; cached answer = command sent → verdict's"
                                + " chat.postMessage received by the fake Slack.\n\n");
                md.append("| measure | n | p50 | p99 | max | goal | vs goal |\n|---|---|---|---|---|---|---|\n");
                row("ack, all commands", ack, 200);
                row("ack, commands that started a check", fresh, 200);
                row("cached answer (verdict posted)", answer, 20);
                md.append(String.format(Locale.ROOT, "%nCPU per cached command, everything in this JVM (fake Slack, Bolt,"
                        + " router, rendering, posting the verdict and its first thread reply): %.2f ms.%n%n",
                        cpuCached / 1e6 / Math.max(1, cachedAnswers.size())));
            } finally {
                bot.close();
                router.close();
                service.close();
            }
        } finally {
            labs.forEach(LabHost::close);
        }
    }

    private void row(String what, Stats stats, double goalMs) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | p99 < %s | %s |%n", what, stats.count(),
                Stats.ms(stats.median()), Stats.ms(stats.pct(99)), Stats.ms(stats.max()), Stats.ms(goalMs),
                stats.pct(99) < goalMs ? String.format(Locale.ROOT, "**met** (%.2fx of goal)", stats.pct(99) / goalMs)
                        : String.format(Locale.ROOT, "**missed** (%.2fx of goal)", stats.pct(99) / goalMs)));
    }
}

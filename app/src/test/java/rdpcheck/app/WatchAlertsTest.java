package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import rdpcheck.chat.console.ConsoleAlerts;
import rdpcheck.checks.watch.Alert;
import rdpcheck.checks.watch.AlertEvent;
import rdpcheck.checks.watch.AlertSink;
import rdpcheck.checks.watch.Watch;
import rdpcheck.checks.watch.WatchChannel;
import rdpcheck.checks.watch.WatchRunner;
import rdpcheck.config.ConfigLoader;
import rdpcheck.config.Settings;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabCertificate;
import rdpcheck.lab.LabCertificates;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.RdpLabHandler;
import rdpcheck.lab.TlsStage;
import rdpcheck.lab.WindowsPolicy;
import rdpcheck.probes.Target;
import rdpcheck.probes.report.ChangeFacts;
import rdpcheck.probes.tls.TlsVersion;

/**
 * Watches as {@code serve} runs them ({@link BotRuntime#startWatches}: the same check service, store and
 * runner), against a lab host restarted on its port with a new certificate, with TLS 1.0 off, with NLA
 * off: exactly one alert per change reaches the channel (the console's, printed as the console shows
 * it), none when nothing changed; the watch and its state survive a restart of the runtime; a target the
 * policy no longer allows pauses the watch and says so once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WatchAlertsTest {

    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final EnumSet<TlsVersion> NO_TLS_10 = EnumSet.of(TlsVersion.TLS_1_1, TlsVersion.TLS_1_2, TlsVersion.TLS_1_3);

    @TempDir
    Path dir;

    /** What reached the channel: alerts and notices, and the console's text of them. */
    private static final class Channel implements AlertSink {
        final List<Alert> alerts = new CopyOnWriteArrayList<>();
        final List<String> notices = new CopyOnWriteArrayList<>();
        final StringWriter console = new StringWriter();
        private final ConsoleAlerts printed = new ConsoleAlerts(new PrintWriter(console), false);

        @Override
        public boolean accepts(WatchChannel channel) {
            return printed.accepts(channel);
        }

        @Override
        public void alert(Alert alert) {
            printed.alert(alert);
            alerts.add(alert);
        }

        @Override
        public void notice(WatchChannel channel, String text) {
            printed.notice(channel, text);
            notices.add(text);
        }
    }

    private Settings settings(String extra) throws Exception {
        Path file = Files.writeString(dir.resolve("rdpcheck.yaml"), "store:\n  url: jdbc:sqlite:" + dir.resolve("history.db")
                + "\ncache:\n  ttl: 0s\nprobe:\n  deadline: 8s\n" + extra);
        return ConfigLoader.load(Optional.of(file), Map.of()).settings();
    }

    private static LabCertificate certificate() {
        return LabCertificates.builder("lab.rdpcheck.test").dns("lab.rdpcheck.test").ip("127.0.0.1").validDays(-10, 300).build();
    }

    private static ConnectionHandler host(WindowsPolicy policy, LabCertificate cert, EnumSet<TlsVersion> versions) {
        return new RdpLabHandler(policy, TlsStage.serving(cert).onlyVersions(versions));
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Watch watch(BotRuntime runtime) {
        return runtime.watches.list(WatchChannel.CONSOLE).get(0);
    }

    /** Makes the watch due now and waits for the run to be kept: its state's time moves on. */
    private static void runOnce(BotRuntime runtime) throws InterruptedException {
        Watch before = watch(runtime);
        Instant last = before.state().at().orElse(Instant.EPOCH);
        runtime.watches.reschedule(before.id(), Instant.now());
        waitFor(() -> watch(runtime).state().at().filter(at -> at.isAfter(last)).isPresent(), "the watch to run");
    }

    private static List<String> kinds(Alert alert) {
        return alert.events().stream().map(e -> e.kind() + " " + e.key().replaceFirst("@.*", "")).toList();
    }

    @Test
    void labHostChanges_eachReachesTheChannelOnce_nothingWhenUnchanged_andTheWatchSurvivesARestart() throws Exception {
        LabCertificate first = certificate();
        LabCertificate second = certificate();
        Channel channel = new Channel();
        Settings settings = settings("");
        int port;
        Target target;
        try (LabHost lab = LabHost.start("watched", InetAddress.getLoopbackAddress(), 0,
                host(WindowsPolicy.requiringNla(), first, EnumSet.allOf(TlsVersion.class)))) {
            port = lab.port();
            target = lab.target();
        }
        try (BotRuntime runtime = new BotRuntime(settings, rdpcheck.chat.policy.Platform.CONSOLE)) {
            Instant now = Instant.now();
            runtime.watches.add(target, WatchChannel.CONSOLE, Duration.ofMinutes(30), "tester", now, now.plusSeconds(3600), 20, 500);
            runtime.startWatches(channel, TICK).orElseThrow();
            try (LabHost lab = LabHost.startAgain("watched", port, host(WindowsPolicy.requiringNla(), first,
                    EnumSet.allOf(TlsVersion.class)))) {
                runOnce(runtime);
                assertEquals(List.of(), channel.alerts, "the first run has nothing to compare with, nothing critical");
            }
            try (LabHost lab = LabHost.startAgain("watched", port, host(WindowsPolicy.requiringNla(), second,
                    EnumSet.allOf(TlsVersion.class)))) {
                runOnce(runtime);
                waitFor(() -> channel.alerts.size() == 1, "the certificate alert");
                assertTrue(kinds(channel.alerts.get(0)).contains("CHANGED change:" + ChangeFacts.CERT_THUMBPRINT),
                        kinds(channel.alerts.get(0)).toString());
                runOnce(runtime);
                assertEquals(1, channel.alerts.size(), "unchanged: nothing more");
            }
        }
        String console = channel.console.toString();
        assertTrue(console.contains("rdpcheck: watch alert for " + target.key() + ":\n  • Changed: The certificate was replaced"),
                console);
        // A new runtime on the same store: the watch, its state and its kept alerts are still there.
        try (BotRuntime runtime = new BotRuntime(settings, rdpcheck.chat.policy.Platform.CONSOLE)) {
            runtime.startWatches(channel, TICK).orElseThrow();
            try (LabHost lab = LabHost.startAgain("watched", port, host(WindowsPolicy.requiringNla(), second, NO_TLS_10))) {
                runOnce(runtime);
                waitFor(() -> channel.alerts.size() == 2, "the TLS alert");
                assertEquals(List.of("CHANGED change:" + ChangeFacts.TLS_VERSIONS), kinds(channel.alerts.get(1)));
                assertTrue(channel.alerts.get(1).events().get(0).text().startsWith("Changed: TLS 1.0 turned off since"),
                        channel.alerts.get(1).events().get(0).text());
            }
            try (LabHost lab = LabHost.startAgain("watched", port, host(WindowsPolicy.tlsRequired(), second, NO_TLS_10))) {
                runOnce(runtime);
                waitFor(() -> channel.alerts.size() == 3, "the NLA alert");
                List<AlertEvent> events = channel.alerts.get(2).events();
                assertTrue(events.stream().anyMatch(e -> e.key().startsWith("change:" + ChangeFacts.SECURITY_REQUIRED + "@")
                        && e.text().startsWith("Changed: NLA no longer required")), events.toString());
                runOnce(runtime);
            }
        }
        assertEquals(3, channel.alerts.size(), "one alert per change: " + channel.alerts);
        assertEquals(List.of(), channel.notices);
    }

    @Test
    void targetThePolicyNoLongerAllows_pausesTheWatchSayingSoOnce_andResumesWhenAllowedAgain() throws Exception {
        Channel channel = new Channel();
        Target target;
        try (LabHost lab = LabHost.start("paused", InetAddress.getLoopbackAddress(), 0,
                host(WindowsPolicy.requiringNla(), certificate(), EnumSet.allOf(TlsVersion.class)))) {
            target = lab.target();
            Settings strict = settings("policy:\n  apply_to_cli: true\n  allow_cidrs: [127.0.0.0/8]\n  allowed_ports: [3389]\n");
            try (BotRuntime runtime = new BotRuntime(strict, rdpcheck.chat.policy.Platform.CONSOLE)) {
                Instant now = Instant.now();
                runtime.watches.add(target, WatchChannel.CONSOLE, Duration.ofMinutes(30), "tester", now, now, 20, 500);
                WatchRunner runner = runtime.startWatches(channel, TICK).orElseThrow();
                waitFor(() -> watch(runtime).paused().isPresent(), "the watch to pause");
                runtime.watches.reschedule(watch(runtime).id(), Instant.now());
                waitFor(() -> !watch(runtime).nextDue().isBefore(Instant.now().plusSeconds(60)), "the next round");
                assertEquals(1, channel.notices.size(), "said once: " + channel.notices);
                assertTrue(channel.notices.get(0).startsWith("Watch of `" + target.key() + "` paused: port " + target.port()),
                        channel.notices.get(0));
                assertEquals(0, runner.runs(), "nothing probed");
                assertEquals(Optional.empty(), watch(runtime).state().at());
            }
            Settings allowed = settings("policy:\n  apply_to_cli: true\n  allow_cidrs: [127.0.0.0/8]\n  allowed_ports: ["
                    + target.port() + "]\n");
            try (BotRuntime runtime = new BotRuntime(allowed, rdpcheck.chat.policy.Platform.CONSOLE)) {
                runtime.startWatches(channel, TICK).orElseThrow();
                runtime.watches.reschedule(watch(runtime).id(), Instant.now());
                waitFor(() -> watch(runtime).state().at().isPresent(), "the resumed watch to run");
                assertEquals(Optional.empty(), watch(runtime).paused());
                assertEquals(2, channel.notices.size(), channel.notices.toString());
                assertEquals("Watch of `" + target.key() + "` resumed: the target policy allows it again.", channel.notices.get(1));
            }
        }
    }

    @Test
    void runInFlightWhenItsReplicaDies_isDueAgainWithinMinutes_notAfterItsInterval() throws Exception {
        Channel channel = new Channel();
        // A host that reads and never answers: the run stays in flight until the probe deadline.
        try (LabHost lab = LabHost.start("stalling", InetAddress.getLoopbackAddress(), 0,
                socket -> socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream()))) {
            Settings settings = settings("");
            Instant started;
            try (BotRuntime runtime = new BotRuntime(settings, rdpcheck.chat.policy.Platform.CONSOLE)) {
                Instant now = Instant.now();
                runtime.watches.add(lab.target(), WatchChannel.CONSOLE, Duration.ofHours(6), "tester", now, now, 20, 500);
                WatchRunner runner = runtime.startWatches(channel, TICK).orElseThrow();
                waitFor(() -> runner.runs() == 1, "the run to start");
                started = Instant.now();
            } // the replica goes away mid-run
            try (BotRuntime next = new BotRuntime(settings, rdpcheck.chat.policy.Platform.CONSOLE)) {
                Instant due = watch(next).nextDue();
                assertTrue(due.isBefore(started.plus(Duration.ofMinutes(6))),
                        "the interrupted run is due again at " + due + ", not 6 h after " + started);
                assertEquals(Optional.empty(), watch(next).state().at(), "no run was kept");
            }
        }
        assertEquals(List.of(), channel.alerts);
    }
}

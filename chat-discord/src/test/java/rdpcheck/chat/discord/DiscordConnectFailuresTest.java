package rdpcheck.chat.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.chat.BotPolicy;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckSettings;
import rdpcheck.checks.Checker;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Explainers;
import rdpcheck.chat.Backoff;
import rdpcheck.chat.ConnectFailure;
import rdpcheck.chat.ConnectFailure.Kind;
import rdpcheck.chat.Reconnector;
import rdpcheck.probes.ProbeOptions;

/**
 * The real JDA against {@link FakeDiscord} made to fail: a refused token (REST 401, gateway close
 * 4004) is named and not retried, a server error or a closed gateway port is retried with a growing
 * wait (counted in login calls) until Discord recovers.
 */
class DiscordConnectFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(40), Duration.ofMillis(320),
            RandomGenerator.of("L64X128MixRandom"));

    private FakeDiscord fake;
    private CheckService service;
    private CommandRouter router;
    private DiscordBot bot;
    private final List<ConnectFailure> refusals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFake() throws Exception {
        fake = FakeDiscord.start();
        service = new CheckService(Checker.standard(ProbeOptions.defaults()), CheckSettings.defaults(), new SimpleMeterRegistry());
        router = new CommandRouter(service, BotPolicy.PERMISSIVE, Explainers.unavailable());
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        router.close();
        service.close();
        fake.close();
    }

    private void start(String gatewayUrl) {
        bot = new DiscordBot(new DiscordSettings(FakeDiscord.TOKEN, fake.restBaseUrl(), gatewayUrl), router)
                .connectWith(FAST, refusals::add);
        bot.start();
    }

    private Reconnector.State awaitState(Class<? extends Reconnector.State> type) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!type.isInstance(bot.connectionState())) {
            assertTrue(System.nanoTime() < end, "waited for " + type.getSimpleName() + "; now " + bot.connectionState());
            Thread.sleep(10);
        }
        return bot.connectionState();
    }

    private long logins() {
        return fake.requests().stream().filter(r -> r.is("GET", "users/@me")).count();
    }

    @Test
    void restRefusesTheToken_401_isRefused_notRetried() throws Exception {
        fake.failGet("users/@me", 401);
        start(fake.gatewayUrl());
        Reconnector.Refused refused = (Reconnector.Refused) awaitState(Reconnector.Refused.class);
        assertEquals(Kind.AUTH_REFUSED, refused.failure().kind());
        assertTrue(refused.failure().describe().contains("discord.token"), refused.failure().describe());
        Thread.sleep(1000);
        assertEquals(1, logins(), "a refused token is not tried again");
        assertEquals(0, fake.gateway().connections());
        assertEquals(1, refusals.size());
    }

    @Test
    void gatewayCloses4004_isRefused_notRetried() throws Exception {
        fake.gateway().closeOnIdentify(4004);
        start(fake.gatewayUrl());
        Reconnector.Refused refused = (Reconnector.Refused) awaitState(Reconnector.Refused.class);
        assertTrue(refused.failure().describe().contains("4004"), refused.failure().describe());
        Thread.sleep(1000);
        assertEquals(1, fake.gateway().identifies().size(), "not identified again with a refused token");
    }

    @Test
    void restServerError_isRetriedWithGrowingWaits_thenConnects() throws Exception {
        fake.failGet("users/@me", 503);
        start(fake.gatewayUrl());
        Reconnector.Waiting waiting = (Reconnector.Waiting) awaitState(Reconnector.Waiting.class);
        assertEquals(Kind.SERVER_ERROR, waiting.failure().kind(), waiting.failure().describe());
        long before = logins();
        Thread.sleep(2000);
        long during = logins() - before;
        // JDA itself retries a 5xx a few times per login; the logins are still spaced by the backoff
        assertTrue(during >= 2 && during <= 60, "login calls in 2 s: " + during);
        fake.heal();
        awaitState(Reconnector.Connected.class);
        bot.awaitReady();
        assertTrue(bot.connected());
    }

    @Test
    void gatewayOnAClosedPort_isConnectionRefused_andRetried() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        start("ws://127.0.0.1:" + closed + "/");
        Reconnector.Waiting waiting = (Reconnector.Waiting) awaitState(Reconnector.Waiting.class);
        assertEquals(Kind.REFUSED, waiting.failure().kind(), waiting.failure().describe());
        assertTrue(waiting.failure().describe().contains("gateway"), waiting.failure().describe());
        long end = System.nanoTime() + WAIT.toNanos();
        while (bot.connectAttempts() < 3) {
            assertTrue(System.nanoTime() < end, "retried");
            Thread.sleep(10);
        }
        assertFalse(bot.connected());
        assertTrue(refusals.isEmpty());
    }

    /** The bot against {@code restBaseUrl} and {@code gatewayUrl} with calls that time out after {@code timeout}. */
    private void startAgainst(String restBaseUrl, String gatewayUrl, Duration timeout) {
        bot = new DiscordBot(new DiscordSettings(FakeDiscord.TOKEN, restBaseUrl, gatewayUrl).withTimeout(timeout), router)
                .connectWith(FAST, refusals::add);
        bot.start();
    }

    /** Named, one line, retried with the backoff (40 ms doubling to 320 ms): {@link rdpcheck.chat.BrokenEndpoints#awaitRetried}. */
    private ConnectFailure awaitRetried(Kind kind) throws InterruptedException {
        ConnectFailure failure = rdpcheck.chat.BrokenEndpoints.awaitRetried(bot::connectionState, bot::connectAttempts,
                refusals, kind, Duration.ofMillis(320), WAIT);
        assertFalse(bot.connected());
        return failure;
    }

    @Test
    void restWithAnUntrustedCertificate_isNamedAsTls_andRetried() throws Exception {
        try (rdpcheck.chat.BrokenEndpoints.Server tls = rdpcheck.chat.BrokenEndpoints.untrustedTls()) {
            startAgainst("https://127.0.0.1:" + tls.port() + "/api/v10/", fake.gatewayUrl(), Duration.ofSeconds(5));
            ConnectFailure failure = awaitRetried(Kind.TLS);
            assertTrue(failure.describe().startsWith("TLS failed: login"), failure.describe());
        }
    }

    @Test
    void restOnAClosedPort_isConnectionRefused_andRetried() throws Exception {
        startAgainst("http://127.0.0.1:" + rdpcheck.chat.BrokenEndpoints.closedPort() + "/api/v10/", fake.gatewayUrl(),
                Duration.ofSeconds(5));
        ConnectFailure failure = awaitRetried(Kind.REFUSED);
        assertTrue(failure.describe().startsWith("connection refused: login"), failure.describe());
    }

    @Test
    void restThatNeverAnswers_timesOutAfterTheSettingsTimeout_andIsRetried() throws Exception {
        try (ServerSocket hole = rdpcheck.chat.BrokenEndpoints.blackHole()) {
            startAgainst("http://127.0.0.1:" + hole.getLocalPort() + "/api/v10/", fake.gatewayUrl(), Duration.ofMillis(300));
            ConnectFailure failure = awaitRetried(Kind.TIMEOUT);
            assertTrue(failure.describe().startsWith("timed out: login"), failure.describe());
        }
    }

    @Test
    void gatewayThatNeverAnswers_timesOutWaitingForReady_andIsRetried() throws Exception {
        try (ServerSocket hole = rdpcheck.chat.BrokenEndpoints.blackHole()) {
            startAgainst(fake.restBaseUrl(), "ws://127.0.0.1:" + hole.getLocalPort() + "/", Duration.ofMillis(300));
            ConnectFailure failure = awaitRetried(Kind.TIMEOUT);
            assertTrue(failure.describe().contains("gateway"), failure.describe());
        }
    }

    @Test
    void proxyThatRefuses_isNamedAsProxy_andRetried() throws Exception {
        try (rdpcheck.chat.BrokenEndpoints.Server proxy = rdpcheck.chat.BrokenEndpoints.refusingProxy();
             AutoCloseable viaProxy = rdpcheck.chat.BrokenEndpoints.viaProxy(proxy.port())) {
            startAgainst(fake.restBaseUrl(), fake.gatewayUrl(), Duration.ofSeconds(5));
            ConnectFailure failure = awaitRetried(Kind.PROXY);
            assertTrue(failure.describe().contains("login"), failure.describe());
            assertEquals(0, logins(), "nothing got past the proxy");
            bot.close(); // before the JVM's proxy setting is restored
            bot = null;
        }
    }
}

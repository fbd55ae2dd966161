package rdpcheck.chat.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
 * The real Bolt app against {@link FakeSlack} made to fail the ways Slack and networks fail: each
 * failure is named, retried with a growing wait (counted in API calls, not timed), and a refused
 * token is not retried at all. The backoff is scaled down (40 ms doubling to 320 ms) so a window
 * of about two seconds shows its shape; production uses 5 s to 5 min.
 */
class SlackConnectFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String BOT_TOKEN = "xoxb-0000000000-0000000000000-testtesttesttest";
    private static final String APP_TOKEN = "xapp-1-A0RDPCHECK-0000000000000-testtesttest";
    private static final Backoff FAST = new Backoff(Duration.ofMillis(40), Duration.ofMillis(320),
            RandomGenerator.of("L64X128MixRandom"));

    private FakeSlack slack;
    private CheckService service;
    private CommandRouter router;
    private SlackBot bot;
    private final List<ConnectFailure> refusals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFake() throws Exception {
        slack = new FakeSlack();
        service = new CheckService(Checker.standard(ProbeOptions.defaults()), CheckSettings.defaults(), new SimpleMeterRegistry());
        router = new CommandRouter(service, BotPolicy.PERMISSIVE, Explainers.unavailable());
    }

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
        router.close();
        service.close();
        slack.close();
    }

    private SlackBot start(SlackSettings.Mode mode) throws Exception {
        bot = new SlackBot(new SlackSettings(BOT_TOKEN, APP_TOKEN, mode == SlackSettings.Mode.HTTP ? "secret" : "", mode, 0,
                slack.apiUrl()), router, new SimpleMeterRegistry()).connectWith(FAST, refusals::add);
        bot.start();
        return bot;
    }

    private Reconnector.State awaitState(Class<? extends Reconnector.State> type) throws Exception {
        FakeSlack.waitFor(() -> type.isInstance(bot.connectionState()), WAIT, () -> type.getSimpleName() + "; now "
                + bot.connectionState());
        return bot.connectionState();
    }

    private ConnectFailure awaitFailure() throws Exception {
        Reconnector.State state = awaitState(Reconnector.Waiting.class);
        return ((Reconnector.Waiting) state).failure();
    }

    @Test
    void invalidAuth_onAuthTest_isRefused_notRetried_andNoSocketIsOpened() throws Exception {
        slack.failMethod("auth.test", 200, "invalid_auth", 0);
        start(SlackSettings.Mode.SOCKET);
        Reconnector.Refused refused = (Reconnector.Refused) awaitState(Reconnector.Refused.class);
        assertEquals(Kind.AUTH_REFUSED, refused.failure().kind());
        assertTrue(refused.failure().describe().contains("slack.bot_token") && refused.failure().describe().contains("invalid_auth"),
                refused.failure().describe());
        Thread.sleep(1000); // ten backoff periods: nothing more may happen
        assertEquals(1, slack.calls("auth.test"), "a refused token is not tried again");
        assertEquals(0, slack.connectionsOpenCalls());
        assertEquals(1, refusals.size(), "serve is told once");
        assertFalse(bot.connected());
        assertTrue(bot.state().contains("not retrying"), bot.state());
    }

    @Test
    void tokenRevoked_andAccountInactive_areRevocations_notRetried() throws Exception {
        for (String error : List.of("token_revoked", "account_inactive")) {
            refusals.clear();
            slack.failMethod("auth.test", 200, error, 0);
            start(SlackSettings.Mode.SOCKET);
            Reconnector.Refused refused = (Reconnector.Refused) awaitState(Reconnector.Refused.class);
            assertEquals(Kind.TOKEN_REVOKED, refused.failure().kind(), error);
            assertTrue(refused.failure().describe().contains(error), refused.failure().describe());
            bot.close();
            bot = null;
        }
    }

    @Test
    void invalidAppToken_onConnectionsOpen_isRefused_namingTheAppToken() throws Exception {
        slack.failMethod("apps.connections.open", 200, "invalid_auth", 0);
        start(SlackSettings.Mode.SOCKET);
        Reconnector.Refused refused = (Reconnector.Refused) awaitState(Reconnector.Refused.class);
        assertTrue(refused.failure().describe().contains("slack.app_token"), refused.failure().describe());
    }

    @Test
    void serverError_isRetriedWithGrowingWaits_thenConnectsWhenSlackRecovers() throws Exception {
        slack.failMethod("apps.connections.open", 503, "service_unavailable", 0);
        start(SlackSettings.Mode.SOCKET);
        ConnectFailure failure = awaitFailure();
        assertEquals(Kind.SERVER_ERROR, failure.kind());
        assertTrue(failure.describe().contains("HTTP 503") && failure.describe().contains("apps.connections.open"),
                failure.describe());
        // 2 s of 40 ms doubling to 320 ms (each wait at least half its ceiling) is at most 2 + 2000 / 160 attempts
        // (ceilings 40, 80, 160, 320, 320, ...); a fixed 40 ms loop would make about 50.
        long before = slack.calls("apps.connections.open");
        Thread.sleep(2000);
        long during = slack.calls("apps.connections.open") - before;
        assertTrue(during >= 2 && during <= 16, "apps.connections.open calls in 2 s with backoff: " + during);
        assertEquals(0, refusals.size());
        slack.heal();
        awaitState(Reconnector.Connected.class);
        FakeSlack.waitFor(bot::connected, WAIT, "connected after recovery");
        assertEquals("connected", bot.state());
    }

    @Test
    void rateLimited_waitsAtLeastRetryAfter() throws Exception {
        slack.failMethod("auth.test", 429, "ratelimited", 3);
        start(SlackSettings.Mode.SOCKET);
        Reconnector.Waiting waiting = (Reconnector.Waiting) awaitState(Reconnector.Waiting.class);
        assertEquals(Kind.RATE_LIMITED, waiting.failure().kind());
        assertTrue(waiting.next().compareTo(Duration.ofSeconds(3)) >= 0, "waits as asked: " + waiting.next());
        Thread.sleep(1000);
        assertEquals(1, slack.calls("auth.test"), "no second call within Retry-After");
    }

    @Test
    void webSocketRefused_closedPort_isNamedAsRefused_andRetried() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        slack.socketUrl("ws://127.0.0.1:" + closed + "/link/");
        start(SlackSettings.Mode.SOCKET);
        ConnectFailure failure = awaitFailure();
        assertEquals(Kind.REFUSED, failure.kind(), failure.describe());
        assertTrue(failure.describe().contains("Socket Mode WebSocket"), failure.describe());
        FakeSlack.waitFor(() -> slack.connectionsOpenCalls() >= 3, WAIT, "retried");
        slack.heal();
        slack.awaitSocketConnections(1, WAIT);
        FakeSlack.waitFor(bot::connected, WAIT, "connected once the socket answers");
    }

    @Test
    void apiOnAClosedPort_isConnectionRefused() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        bot = new SlackBot(new SlackSettings(BOT_TOKEN, APP_TOKEN, "", SlackSettings.Mode.SOCKET, 0,
                "http://127.0.0.1:" + closed + "/api/"), router, new SimpleMeterRegistry()).connectWith(FAST, refusals::add);
        bot.start();
        ConnectFailure failure = awaitFailure();
        assertEquals(Kind.REFUSED, failure.kind(), failure.describe());
        assertTrue(failure.describe().startsWith("connection refused: auth.test"), failure.describe());
    }

    @Test
    void apiNameThatDoesNotResolve_isNamedAsDns() throws Exception {
        // .invalid never resolves (RFC 6761), whatever resolver the machine has
        bot = new SlackBot(new SlackSettings(BOT_TOKEN, APP_TOKEN, "", SlackSettings.Mode.SOCKET, 0,
                "https://slack.rdpcheck-test.invalid/api/"), router, new SimpleMeterRegistry()).connectWith(FAST, refusals::add);
        bot.start();
        ConnectFailure failure = awaitFailure();
        assertEquals(Kind.DNS, failure.kind(), failure.describe());
        assertTrue(failure.describe().contains("slack.rdpcheck-test.invalid does not resolve"), failure.describe());
    }

    /** The bot against {@code apiUrl} with calls that time out after {@code timeout} (the settings' timeout). */
    private void startAgainst(String apiUrl, Duration timeout) throws Exception {
        bot = new SlackBot(new SlackSettings(BOT_TOKEN, APP_TOKEN, "", SlackSettings.Mode.SOCKET, 0, apiUrl).withTimeout(timeout),
                router, new SimpleMeterRegistry()).connectWith(FAST, refusals::add);
        bot.start();
    }

    /** Named, one line, retried with the backoff (40 ms doubling to 320 ms): {@link rdpcheck.chat.BrokenEndpoints#awaitRetried}. */
    private ConnectFailure awaitRetried(Kind kind) throws InterruptedException {
        ConnectFailure failure = rdpcheck.chat.BrokenEndpoints.awaitRetried(bot::connectionState, bot::connectAttempts,
                refusals, kind, Duration.ofMillis(320), WAIT);
        return failure;
    }

    @Test
    void apiWithAnUntrustedCertificate_isNamedAsTls_andRetried() throws Exception {
        try (rdpcheck.chat.BrokenEndpoints.Server tls = rdpcheck.chat.BrokenEndpoints.untrustedTls()) {
            startAgainst("https://127.0.0.1:" + tls.port() + "/api/", Duration.ofSeconds(5));
            ConnectFailure failure = awaitRetried(Kind.TLS);
            assertTrue(failure.describe().startsWith("TLS failed: auth.test"), failure.describe());
            assertTrue(tls.connections() >= 3, "every attempt reached the server: " + tls.connections());
        }
    }

    @Test
    void apiThatNeverAnswers_timesOutAfterTheSettingsTimeout_andIsRetried() throws Exception {
        try (java.net.ServerSocket hole = rdpcheck.chat.BrokenEndpoints.blackHole()) {
            startAgainst("http://127.0.0.1:" + hole.getLocalPort() + "/api/", Duration.ofMillis(300));
            ConnectFailure failure = awaitRetried(Kind.TIMEOUT);
            assertTrue(failure.describe().startsWith("timed out: auth.test"), failure.describe());
        }
    }

    @Test
    void socketModeWebSocketThatNeverAnswers_timesOutWaitingForHello_andIsRetried() throws Exception {
        try (java.net.ServerSocket hole = rdpcheck.chat.BrokenEndpoints.blackHole()) {
            slack.socketUrl("ws://127.0.0.1:" + hole.getLocalPort() + "/link/");
            startAgainst(slack.apiUrl(), Duration.ofMillis(300));
            ConnectFailure failure = awaitRetried(Kind.TIMEOUT);
            assertTrue(failure.describe().contains("Socket Mode WebSocket"), failure.describe());
        }
    }

    @Test
    void proxyThatRefuses_isNamedAsProxy_andRetried() throws Exception {
        try (rdpcheck.chat.BrokenEndpoints.Server proxy = rdpcheck.chat.BrokenEndpoints.refusingProxy();
             AutoCloseable viaProxy = rdpcheck.chat.BrokenEndpoints.viaProxy(proxy.port())) {
            startAgainst(slack.apiUrl(), Duration.ofSeconds(5));
            ConnectFailure failure = awaitRetried(Kind.PROXY);
            assertTrue(failure.describe().contains("auth.test"), failure.describe());
            assertEquals(0, slack.calls("auth.test"), "nothing got past the proxy");
            bot.close(); // before the JVM's proxy setting is restored
            bot = null;
        }
    }

    @Test
    void httpMode_listensAtOnce_andReportsARefusedBotToken() throws Exception {
        slack.failMethod("auth.test", 200, "invalid_auth", 0);
        start(SlackSettings.Mode.HTTP);
        assertTrue(bot.httpPort() > 0, "listening before the token is checked");
        assertInstanceOf(Reconnector.Refused.class, awaitState(Reconnector.Refused.class));
        assertFalse(bot.connected());
    }

    @Test
    void httpMode_serverErrorThenRecovery_connects() throws Exception {
        slack.failMethod("auth.test", 502, "bad_gateway", 0);
        start(SlackSettings.Mode.HTTP);
        assertEquals(Kind.SERVER_ERROR, awaitFailure().kind());
        slack.heal();
        awaitState(Reconnector.Connected.class);
        assertTrue(bot.connected());
    }
}

package rdpcheck.chat.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.chat.BotPolicy;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckSettings;
import rdpcheck.checks.Checker;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Explainers;
import rdpcheck.probes.ProbeOptions;

/**
 * Attacks on HTTP mode from loopback: slow connections, unsigned floods, replays, clock games and
 * malformed bodies. The attacker does not know the signing secret; Slack does.
 */
class SlackHttpAttackTest {

    private static final String SECRET = "attack-test-signing-secret";
    /** A hang guard, not a measurement: a signed request must be answered while attackers hold connections. */
    private static final Duration ANSWER = Duration.ofSeconds(20);

    private static FakeSlack slack;
    private static SimpleMeterRegistry meters;
    private static SlackBot bot;
    private static URI uri;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(ANSWER).build();

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlack();
        CheckService service = new CheckService(Checker.standard(ProbeOptions.defaults().withDeadline(Duration.ofSeconds(5))),
                CheckSettings.defaults(), new SimpleMeterRegistry());
        CommandRouter router = new CommandRouter(service, BotPolicy.PERMISSIVE, Explainers.unavailable());
        meters = new SimpleMeterRegistry();
        bot = new SlackBot(new SlackSettings("xoxb-0000000000-0000000000000-testtesttesttest", "", SECRET,
                SlackSettings.Mode.HTTP, 0, slack.apiUrl()), router, meters);
        bot.start();
        uri = URI.create("http://127.0.0.1:" + bot.httpPort() + SlackSettings.EVENTS_PATH);
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
        slack.close();
    }

    @Test
    void slowConnections_signedRequestStillAnswered() throws Exception {
        List<Socket> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) { // headers that never end
                attackers.add(slowSender("POST " + SlackSettings.EVENTS_PATH + " HTTP/1.1\r\nHost: x\r\nX-Slow: "));
            }
            for (int i = 0; i < 12; i++) { // a body that never comes
                attackers.add(slowSender("POST " + SlackSettings.EVENTS_PATH + " HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\ntoken=a"));
            }
            HttpResponse<String> signed = send(help("C-SLOW"), now(), true);
            assertEquals(200, signed.statusCode(), signed.body());
            for (Socket attacker : attackers) {
                assertFalse(attacker.isClosed(), "the attackers were still connected when the signed request was answered");
            }
        } finally {
            for (Socket attacker : attackers) {
                attacker.close();
            }
        }
    }

    @Test
    void unsignedBodies_neverLogged_countedInMetric() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            String marker = "FORGED-LINE-7c1e";
            String body = "payload=\n2026-12-02 ERROR " + marker + " \u001b[2Jadmin logged in" + "x".repeat(2000);
            double before = rejected();
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri).timeout(ANSWER)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, response.statusCode());
            }
            assertEquals(before + 5, rejected(), "each refused request counts");
            for (ILoggingEvent event : logs.list) {
                assertFalse(event.getFormattedMessage().contains(marker), "logged raw: " + event.getFormattedMessage());
            }
        } finally {
            root.detachAppender(logs);
        }
    }

    @Test
    void timestampInTheFuture_refused() throws Exception {
        HttpResponse<String> future = send(help("C-FUTURE"), now() + 10 * 60, true);
        assertEquals(401, future.statusCode(), "Slack allows five minutes either way");
    }

    @Test
    void replayedSignature_refused() throws Exception {
        String body = help("C-REPLAY");
        long at = now();
        assertEquals(200, send(body, at, true).statusCode());
        assertEquals(401, send(body, at, true).statusCode(), "the same signed request a second time is a replay");
    }

    @Test
    void malformedPercentEncoding_answeredCleanly() throws Exception {
        HttpResponse<String> response = send("command=%2Frdpcheck&text=%ZZ&channel_id=C1&user_id=U1", now(), true);
        assertEquals(400, response.statusCode(), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    @Test
    void httpBind_listensOnlyOnTheConfiguredAddress() throws Exception {
        CommandRouter router = new CommandRouter(new CheckService(Checker.standard(ProbeOptions.defaults()),
                CheckSettings.defaults(), new SimpleMeterRegistry()), BotPolicy.PERMISSIVE, Explainers.unavailable());
        SlackBot bound = new SlackBot(new SlackSettings("xoxb-0000000000-0000000000000-testtesttesttest", "", SECRET,
                SlackSettings.Mode.HTTP, 0, slack.apiUrl(), java.net.InetAddress.getByName("127.0.0.2")), router,
                new SimpleMeterRegistry());
        bound.start();
        try {
            try (Socket there = new Socket("127.0.0.2", bound.httpPort())) {
                assertTrue(there.isConnected());
            }
            org.junit.jupiter.api.Assertions.assertThrows(java.net.ConnectException.class,
                    () -> new Socket("127.0.0.1", bound.httpPort()).close(), "not listening on other addresses");
        } finally {
            bound.close();
        }
    }

    private static double rejected() {
        return meters.find("rdpcheck.slack.http.rejected").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String help(String channel) {
        return slack.slashCommandForm("help", channel, "U1", slack.newResponseUrl());
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static HttpResponse<String> send(String body, long timestamp, boolean signed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(ANSWER)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signed) {
            request.header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                    .header("X-Slack-Signature", FakeSlack.sign(SECRET, timestamp, body));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a connection and sends the start of a request, then nothing: the slowest possible client. */
    private static Socket slowSender(String start) throws Exception {
        Socket socket = new Socket("127.0.0.1", bot.httpPort());
        OutputStream out = socket.getOutputStream();
        out.write(start.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}

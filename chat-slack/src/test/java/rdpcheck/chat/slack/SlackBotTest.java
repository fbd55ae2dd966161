package rdpcheck.chat.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.chat.BotPolicy;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckSettings;
import rdpcheck.checks.Checker;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Explainers;
import rdpcheck.chat.slack.SlackRenderer;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;

/** The real Bolt app, over Socket Mode and HTTP, against {@link FakeSlack}; probes against lab hosts on 127.0.0.1. */
class SlackBotTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "test-signing-secret";

    private static FakeSlack slack;
    private static CheckService service;
    private static CommandRouter router;
    private static SlackBot bot;
    private static final List<LabHost> labs = new ArrayList<>();
    /** Checks of these targets wait for their latch: a check that is certainly still running, however slow the machine. */
    private static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlack();
        Checker probing = Checker.standard(ProbeOptions.defaults().withDeadline(Duration.ofSeconds(5)));
        Checker held = target -> {
            CountDownLatch hold = HELD.get(target.key());
            try {
                if (hold != null && !hold.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released " + target.key());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return probing.check(target);
        };
        service = new CheckService(held, CheckSettings.defaults(), new SimpleMeterRegistry());
        router = new CommandRouter(service, BotPolicy.PERMISSIVE, Explainers.unavailable());
        bot = new SlackBot(new SlackSettings("xoxb-0000000000-0000000000000-testtesttesttest", "xapp-1-A0RDPCHECK-0000000000000-testtesttest", "", SlackSettings.Mode.SOCKET, 0, slack.apiUrl()),
                router, new SimpleMeterRegistry());
        bot.start();
        slack.awaitSocketConnections(1, WAIT);
        FakeSlack.waitFor(bot::connected, WAIT, "hello");
        // The first command pays for class loading; the ack times asserted below are the steady state.
        slack.slashCommand("help", "C-WARMUP", "U0", slack.newResponseUrl()).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
        router.close();
        service.close();
        slack.close();
        labs.forEach(LabHost::close);
    }

    private static LabHost lab(String name) throws Exception {
        LabHost host = LabHost.start(name, LabHosts.nlaRequired());
        labs.add(host);
        return host;
    }

    private static FakeSlack.Posted parentIn(String channel) throws Exception {
        return slack.awaitPosted(p -> p.method().equals("chat.postMessage") && p.channel().equals(channel)
                && p.threadTs() == null, 1, WAIT).get(0);
    }

    @Test
    void slashCommand_acksWithinOneSecond_postsVerdictSayingWhoAskedWithFacts_thenFixAndDetailsInTheThread() throws Exception {
        LabHost host = lab("nla-slash");
        String target = "127.0.0.1:" + host.port();
        FakeSlack.Ack ack = slack.slashCommand(target, "C-SLASH", "U1", slack.newResponseUrl()).get(10, TimeUnit.SECONDS);
        assertTrue(ack.elapsed().toMillis() < 1_000, "ack took " + ack.elapsed().toMillis() + " ms");
        assertTrue(ack.text().contains("Checking") && ack.text().contains(target), ack.text());

        FakeSlack.Posted parent = parentIn("C-SLASH");
        assertTrue(parent.blockText().contains(target), parent.blockText());
        assertTrue(parent.blockText().contains("Re-run (fresh)") && parent.blockText().contains("Show raw findings"));
        // who asked, as text: others never see a slash command; no <@U1> mention, so nobody is pinged
        assertTrue(parent.blockText().contains("@user-U1 asked: *"), parent.blockText());
        assertTrue(parent.text().startsWith("@user-U1 asked: " + target), "the notification reads on its own: " + parent.text());
        assertFalse(parent.blockText().contains("<@"), parent.blockText());
        assertTrue(parent.blockText().contains("*address*") && parent.blockText().contains("*security*"), parent.blockText());
        assertTrue(parent.text().length() <= 300, parent.text());
        assertEquals("none", parent.params().get("parse"));
        assertTrue(List.of("0", "false").contains(parent.params().get("link_names")), parent.params().toString());

        List<FakeSlack.Posted> replies = slack.awaitPosted(p -> parent.ts().equals(p.threadTs()), 2, WAIT);
        String thread = String.join("\n", replies.stream().map(FakeSlack.Posted::blockText).toList());
        assertTrue(thread.contains("*Probes*") && thread.contains("negotiation"), thread);
        assertTrue(thread.contains("security.nla-required") || thread.contains("NLA"), thread);
        assertTrue(replies.get(0).blockText().contains("*1.*"), "the fix comes first: " + replies.get(0).blockText());
        assertTrue(replies.get(replies.size() - 1).blockText().contains("*Details*"), "the details come last");
        assertTrue(replies.get(0).blocks().size() <= 25, "the fix message is short: " + replies.get(0).blocks().size());
    }

    @Test
    void slashCommandWithSeveralHosts_postsSummaryGroupedByRootCause_reportsOfProblemHostsInItsThread() throws Exception {
        LabHost expired = LabHost.start("fleet-expired", LabHosts.expiredSelfSigned());
        LabHost healthyA = LabHost.start("fleet-healthy-a", LabHosts.healthy());
        LabHost healthyB = LabHost.start("fleet-healthy-b", LabHosts.healthy());
        labs.addAll(List.of(expired, healthyA, healthyB));
        String expiredKey = "127.0.0.1:" + expired.port();
        String text = "127.0.0.1:" + healthyA.port() + " " + expiredKey + " 127.0.0.1:" + healthyB.port();
        FakeSlack.Ack ack = slack.slashCommand(text, "C-FLEET", "U1", slack.newResponseUrl()).get(10, TimeUnit.SECONDS);
        assertEquals("Checking 3 hosts…", ack.text());

        FakeSlack.Posted parent = parentIn("C-FLEET");
        String summary = parent.blockText();
        assertTrue(summary.contains("3 hosts checked: 1 with problems, 2 without"), summary);
        // the worst root cause first: the expired certificate's host, then the two healthy hosts together
        int expiredGroup = summary.indexOf("`cert.expired` · 1 host");
        int healthyGroup = summary.indexOf("· 2 hosts");
        assertTrue(expiredGroup > 0 && healthyGroup > expiredGroup, summary);
        assertTrue(summary.indexOf(expiredKey) > expiredGroup && summary.indexOf(expiredKey) < healthyGroup, summary);

        // the problem host: its verdict (with its buttons), then its diagnosis with the fix, in the summary's thread
        List<FakeSlack.Posted> replies = slack.awaitPosted(p -> parent.ts().equals(p.threadTs()), 2, WAIT);
        assertTrue(replies.get(0).blockText().contains(expiredKey) && replies.get(0).blockText().contains("Re-run (fresh)"),
                replies.get(0).blockText());
        assertTrue(replies.get(1).blockText().contains("cert.expired") && replies.get(1).blockText().contains("*1.*"),
                replies.get(1).blockText());
        Thread.sleep(300); // nothing else follows: healthy hosts are in the summary only
        String thread = String.join("\n", slack.posted().stream().filter(p -> parent.ts().equals(p.threadTs()))
                .map(FakeSlack.Posted::blockText).toList());
        assertTrue(!thread.contains("127.0.0.1:" + healthyA.port()) && !thread.contains("*Probes*"), thread);
    }

    @Test
    void buttons_rerunFreshProbesAgain_andRawFindingsGoToTheThreadAsAFile() throws Exception {
        LabHost host = lab("nla-buttons");
        String target = "127.0.0.1:" + host.port();
        slack.slashCommand(target, "C-BTN", "U1", slack.newResponseUrl()).get(10, TimeUnit.SECONDS);
        FakeSlack.Posted parent = parentIn("C-BTN");
        slack.awaitPosted(p -> parent.ts().equals(p.threadTs()), 2, WAIT);
        int connectionsAfterFirst = host.connectionsAccepted();

        FakeSlack.Ack raw = slack.blockAction(SlackRenderer.ACTION_RAW, target, "C-BTN", "U1", parent.ts(),
                slack.newResponseUrl()).get(10, TimeUnit.SECONDS);
        assertTrue(raw.elapsed().toMillis() < 1_000, "button ack took " + raw.elapsed().toMillis() + " ms");
        FakeSlack.SharedFile file = slack.awaitFiles(1, WAIT).get(0);
        assertEquals("C-BTN", file.channel());
        assertEquals(parent.ts(), file.threadTs());
        assertEquals("rdpcheck-127.0.0.1_" + host.port() + ".json", file.filename());
        assertTrue(file.text().contains("\"target\"") && file.text().contains("\"diagnoses\""), file.text());
        assertTrue(slack.posted().stream().noneMatch(p -> p.blockText().contains("Raw findings")), "a file, not a paste");

        String rerunUrl = slack.newResponseUrl();
        slack.blockAction(SlackRenderer.ACTION_RERUN, target, "C-BTN", "U1", parent.ts(), rerunUrl).get(10, TimeUnit.SECONDS);
        slack.awaitPosted(p -> p.channel().equals("C-BTN") && p.threadTs() == null && p.method().equals("chat.postMessage"),
                2, WAIT);
        assertTrue(host.connectionsAccepted() > connectionsAfterFirst, "fresh re-run probed the host again");
        FakeSlack.Responded checking = slack.awaitResponded(r -> rerunUrl.endsWith("/" + r.id()), 1, WAIT).get(0);
        assertTrue(checking.body().toString().contains("Checking"), checking.body().toString());
        assertEquals("ephemeral", checking.body().get("response_type").getAsString());
    }

    @Test
    void appMention_answersInTheMentionsThread() throws Exception {
        LabHost host = lab("nla-mention");
        String target = "127.0.0.1:" + host.port();
        slack.appMention(target, "C-MENTION", "U2").get(10, TimeUnit.SECONDS);
        List<FakeSlack.Posted> posts = slack.awaitPosted(p -> p.channel().equals("C-MENTION")
                && p.method().equals("chat.postMessage") && p.blockText().contains("*Probes*"), 1, WAIT);
        String thread = posts.get(0).threadTs();
        List<FakeSlack.Posted> all = slack.posted().stream()
                .filter(p -> p.channel().equals("C-MENTION") && p.method().equals("chat.postMessage")).toList();
        assertTrue(all.size() >= 3, "verdict and thread: " + all);
        all.forEach(p -> assertEquals(thread, p.threadTs(), "every answer is in the mention's thread"));
        assertTrue(slack.posted().stream().anyMatch(p -> p.method().equals("chat.postEphemeral")
                && p.channel().equals("C-MENTION") && p.text().contains("Checking")));
    }

    @Test
    void twentyConcurrentSlashCommandsForOneHost_runTheProbesOnce() throws Exception {
        LabHost twin = lab("nla-twin");
        Checker.standard(ProbeOptions.defaults()).check(twin.target());
        int connectionsPerRun = twin.connectionsAccepted();
        LabHost host = lab("nla-coalesce");
        String target = "127.0.0.1:" + host.port();
        long runsBefore = service.runsStarted();
        List<CompletableFuture<FakeSlack.Ack>> acks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            acks.add(slack.slashCommand(target, "C-COALESCE", "U" + i, slack.newResponseUrl()));
        }
        List<Long> millis = new ArrayList<>();
        for (CompletableFuture<FakeSlack.Ack> ack : acks) {
            millis.add(ack.get(10, TimeUnit.SECONDS).elapsed().toMillis());
        }
        System.out.println("Slack acks of 20 simultaneous commands (ms): " + millis);
        // Within Slack's 3 s even on a loaded machine: envelopes are processed on several threads (SlackExecutors).
        assertTrue(Collections.max(millis) < 3_000, "acks " + millis);
        List<FakeSlack.Posted> parents = slack.awaitPosted(p -> p.channel().equals("C-COALESCE") && p.threadTs() == null
                && p.method().equals("chat.postMessage"), 20, Duration.ofSeconds(60));
        assertEquals(20, parents.size());
        assertEquals(1, service.runsStarted() - runsBefore, "one probe run for 20 requests");
        assertEquals(connectionsPerRun, host.connectionsAccepted(), "the host saw exactly one check's connections");
    }

    @Test
    void notInChannel_fallsBackToResponseUrl_withInviteHint() throws Exception {
        LabHost host = lab("nla-private");
        slack.notInChannel("C-PRIVATE");
        String url = slack.newResponseUrl();
        slack.slashCommand("127.0.0.1:" + host.port(), "C-PRIVATE", "U1", url).get(10, TimeUnit.SECONDS);
        List<FakeSlack.Responded> responses = slack.awaitResponded(r -> url.endsWith("/" + r.id())
                && r.body().toString().contains("/invite"), 1, WAIT);
        assertEquals("ephemeral", responses.get(0).body().get("response_type").getAsString());
        List<FakeSlack.Responded> all = slack.responded().stream().filter(r -> url.endsWith("/" + r.id())).toList();
        assertEquals("in_channel", all.get(0).body().get("response_type").getAsString());
        assertTrue(all.get(0).body().toString().contains(String.valueOf(host.port())));
        assertTrue(all.size() <= 5, "a response_url takes five posts");
    }

    @Test
    void rateLimited_retriesAfterRetryAfter() throws Exception {
        LabHost host = lab("nla-429");
        slack.rateLimitNextPosts("C-429", 1, 1);
        long started = System.nanoTime();
        slack.slashCommand("127.0.0.1:" + host.port(), "C-429", "U1", slack.newResponseUrl()).get(10, TimeUnit.SECONDS);
        parentIn("C-429");
        assertEquals(1, slack.rateLimitedCalls());
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(1_000), "waited Retry-After");
    }

    @Test
    void droppedSocketConnection_reconnects_andNextCommandIsAnswered() throws Exception {
        LabHost host = lab("nla-drop");
        int opened = slack.socketConnectionsOpened();
        int openCalls = slack.connectionsOpenCalls();
        slack.dropSocketConnections();
        slack.awaitSocketConnections(opened + 1, WAIT);
        assertTrue(slack.connectionsOpenCalls() > openCalls, "a new URL from apps.connections.open");
        FakeSlack.waitFor(bot::connected, WAIT, "connected again");
        FakeSlack.Ack ack = slack.slashCommand("127.0.0.1:" + host.port(), "C-DROP", "U1", slack.newResponseUrl())
                .get(10, TimeUnit.SECONDS);
        assertTrue(ack.text().contains("Checking"), ack.text());
        parentIn("C-DROP");
    }

    @Test
    void hostileInput_isRefusedWithUsage_andNothingIsPosted() throws Exception {
        FakeSlack.Ack ack = slack.slashCommand("<!channel> hi", "C-HOSTILE", "U1", slack.newResponseUrl()).get(10, TimeUnit.SECONDS);
        assertTrue(ack.text().contains("Cannot check that") && ack.text().contains("&lt;!channel&gt;") == false
                || ack.text().contains("&lt;"), ack.text());
        assertFalse(ack.text().contains("<!channel>"), ack.text());
        Thread.sleep(200);
        assertTrue(slack.posted().stream().noneMatch(p -> p.channel().equals("C-HOSTILE")));
    }

    /**
     * What the ack proves, asserted as behaviour: every command is acknowledged with the right
     * words while the check it started is certainly still running (held by a latch), so the ack
     * never waits for probing. How fast the acks are is a figure, measured by bench/ (ChatAckBench).
     */
    @Test
    void twoHundredCommands_eachAcknowledged_whileTheirCheckIsStillRunning() throws Exception {
        LabHost host = lab("nla-ack");
        String target = "127.0.0.1:" + host.port();
        CountDownLatch release = new CountDownLatch(1);
        HELD.put(target, release);
        long runsBefore = service.runsStarted();
        try {
            for (int i = 0; i < 200; i++) {
                boolean check = i % 2 == 0;
                FakeSlack.Ack ack;
                try {
                    ack = slack.slashCommand(check ? target : "help", "C-ACK", "U1", slack.newResponseUrl())
                            .get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("no ack for command " + i + " in 10 s", e);
                }
                if (check) {
                    assertTrue(ack.text().startsWith("Checking") && ack.text().contains(target), i + ": " + ack.text());
                } else {
                    assertTrue(ack.text().startsWith("rdpcheck diagnoses"), i + ": " + ack.text());
                }
            }
            assertEquals(1, service.runsStarted() - runsBefore, "the commands for one host share one check");
            assertTrue(service.running() >= 1, "the check is still running after all 200 acks");
            assertTrue(slack.posted().stream().noneMatch(p -> p.channel().equals("C-ACK")),
                    "no verdict before the check ends: the acks did not wait for it");
        } finally {
            release.countDown();
            HELD.remove(target);
        }
        FakeSlack.Posted parent = parentIn("C-ACK");
        assertTrue(parent.text().contains(target), "the verdict follows once the check ends: " + parent.text());
    }

    @Test
    void httpMode_signedRequestAccepted_unsignedAndStaleRefused() throws Exception {
        SlackBot http = new SlackBot(new SlackSettings("xoxb-0000000000-0000000000000-testtesttesttest", "", SECRET, SlackSettings.Mode.HTTP, 0, slack.apiUrl()),
                router, new SimpleMeterRegistry());
        http.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + http.httpPort() + SlackSettings.EVENTS_PATH);
            String warm = slack.slashCommandForm("help", "C-HTTP", "U1", slack.newResponseUrl());
            long then = System.currentTimeMillis() / 1000;
            assertEquals(200, client.send(post(uri, warm, then, FakeSlack.sign(SECRET, then, warm)),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            LabHost host = lab("nla-http");
            String body = slack.slashCommandForm("127.0.0.1:" + host.port(), "C-HTTP", "U1", slack.newResponseUrl());
            long now = System.currentTimeMillis() / 1000;

            long started = System.nanoTime();
            HttpResponse<String> signed = client.send(post(uri, body, now, FakeSlack.sign(SECRET, now, body)),
                    HttpResponse.BodyHandlers.ofString());
            long ackMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(200, signed.statusCode(), signed.body());
            assertTrue(signed.body().contains("Checking"), signed.body());
            assertTrue(ackMillis < 1_000, "HTTP ack took " + ackMillis + " ms");
            parentIn("C-HTTP");

            HttpResponse<String> unsigned = client.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, unsigned.statusCode());

            long stale = now - 10 * 60;
            HttpResponse<String> old = client.send(post(uri, body, stale, FakeSlack.sign(SECRET, stale, body)),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, old.statusCode());

            HttpResponse<String> forged = client.send(post(uri, body, now, FakeSlack.sign("wrong-secret", now, body)),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, forged.statusCode());
            assertTrue(http.connected());
        } finally {
            http.close();
        }
    }

    private static HttpRequest post(URI uri, String body, long timestamp, String signature) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}

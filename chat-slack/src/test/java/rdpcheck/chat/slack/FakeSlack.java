package rdpcheck.chat.slack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Slack, for offline end-to-end tests of the real Bolt app (and for
 * benchmarks): the Web API ({@code auth.test}, {@code apps.connections.open},
 * {@code chat.postMessage}, {@code chat.postEphemeral}), response URLs, and the Socket Mode
 * WebSocket server that sends envelopes and measures how fast they are acknowledged. Binds to
 * 127.0.0.1 only.
 *
 * <p>Point the bot at it with {@code RDPCHECK_SLACK_API_URL=}{@link #apiUrl()}, exactly as a user
 * would point it at a proxy.
 */
public final class FakeSlack implements AutoCloseable {

    public static final String TEAM = "T0FAKE";
    public static final String BOT_USER = "U0RDPCHECK";
    public static final String BOT_ID = "B0RDPCHECK";
    public static final String APP_ID = "A0RDPCHECK";

    /** A chat.postMessage / chat.postEphemeral call as Slack received it. */
    public record Posted(String method, String channel, String text, String threadTs, String ts, String user,
                         JsonArray blocks, Map<String, String> params, long receivedNanos) {
        /** All mrkdwn/plain text in the blocks, joined by newlines. */
        public String blockText() {
            StringBuilder out = new StringBuilder();
            if (blocks != null) {
                collect(blocks, out);
            }
            return out.toString();
        }

        private static void collect(com.google.gson.JsonElement element, StringBuilder out) {
            if (element.isJsonArray()) {
                element.getAsJsonArray().forEach(e -> collect(e, out));
            } else if (element.isJsonObject()) {
                JsonObject object = element.getAsJsonObject();
                if (object.has("text") && object.get("text").isJsonPrimitive()) {
                    out.append(object.get("text").getAsString()).append('\n');
                }
                object.entrySet().forEach(e -> {
                    if (!e.getKey().equals("text") || !e.getValue().isJsonPrimitive()) {
                        collect(e.getValue(), out);
                    }
                });
            }
        }
    }

    /**
     * A file shared with files.completeUploadExternal: its bytes as uploaded to the URL
     * files.getUploadURLExternal handed out, and where it was shared.
     */
    public record SharedFile(String fileId, String filename, String title, String channel, String threadTs, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** A post to a response_url. */
    public record Responded(String id, JsonObject body, long receivedNanos) {
    }

    /** The bot's acknowledgement of an envelope, and how long it took from sending the envelope. */
    public record Ack(String envelopeId, JsonObject payload, Duration elapsed) {
        /** The text of the ack payload (a slash command's ephemeral answer), or "". */
        public String text() {
            return payload != null && payload.has("text") ? payload.get("text").getAsString() : "";
        }
    }

    private final Gson gson = new Gson();
    private final HttpServer http;
    private final ExecutorService httpExecutor = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "fake-slack-http");
        thread.setDaemon(true);
        return thread;
    });
    private final Sockets sockets;
    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final List<Responded> responded = new CopyOnWriteArrayList<>();
    /** files.getUploadURLExternal's announcements (id -> filename, length) and the bytes uploaded for them. */
    private final Map<String, String[]> uploadSlots = new ConcurrentHashMap<>();
    private final Map<String, byte[]> uploaded = new ConcurrentHashMap<>();
    private final List<SharedFile> files = new CopyOnWriteArrayList<>();
    private final List<String> apiCalls = new CopyOnWriteArrayList<>();
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private static final int NUDGES = 40;
    private static final Duration NUDGE_EVERY = Duration.ofMillis(250);
    private final java.util.concurrent.ScheduledExecutorService nudger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fake-slack-nudge");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, CompletableFuture<Ack>> acks = new ConcurrentHashMap<>();
    private final Set<String> notInChannel = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> rateLimitNext = new ConcurrentHashMap<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final AtomicInteger connectionsOpenCalls = new AtomicInteger();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000_100L);
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int retryAfterSeconds = 1;
    private record Failure(int status, String error, int retryAfterSeconds) {
    }
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private volatile String socketUrlOverride;

    public FakeSlack() throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        sockets = new Sockets(new InetSocketAddress(loopback, 0));
        sockets.setReuseAddr(true);
        sockets.setDaemon(true);
        sockets.start();
        if (!sockets.started.await(5, TimeUnit.SECONDS)) {
            throw new IOException("the fake Socket Mode server did not start");
        }
        http = HttpServer.create(new InetSocketAddress(loopback, 0), 200);
        http.setExecutor(httpExecutor);
        http.createContext("/api/", this::api);
        http.createContext("/response/", this::response);
        http.createContext("/upload/", this::upload);
        http.start();
    }

    /** The Web API base to configure ({@code RDPCHECK_SLACK_API_URL}). */
    public String apiUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/";
    }

    /** A fresh response_url for one command. */
    public String newResponseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/response/" + ids.incrementAndGet();
    }

    // ---------------------------------------------------------------- behaviour switches

    /** chat.postMessage to {@code channel} answers {@code not_in_channel}. */
    public void notInChannel(String channel) {
        notInChannel.add(channel);
    }

    /** The next {@code n} chat.postMessage calls to {@code channel} get HTTP 429 with {@code Retry-After: seconds}. */
    public void rateLimitNextPosts(String channel, int n, int seconds) {
        retryAfterSeconds = seconds;
        rateLimitNext.put(channel, new AtomicInteger(n));
    }

    public int rateLimitedCalls() {
        return rateLimited.get();
    }

    /**
     * From now on, {@code method} answers HTTP {@code status} with {@code {"ok":false,"error":error}}
     * ({@code ok:false} with status 200 is how Slack refuses a token); 429 carries {@code Retry-After:
     * retryAfterSeconds}. Until {@link #heal()}.
     */
    public void failMethod(String method, int status, String error, int retryAfterSeconds) {
        failures.put(method, new Failure(status, error, retryAfterSeconds));
    }

    /** {@code apps.connections.open} hands out this WebSocket URL instead of the fake's (e.g. a closed port). */
    public void socketUrl(String url) {
        socketUrlOverride = url;
    }

    /** Every method answers normally again, with the fake's own WebSocket URL. */
    public void heal() {
        failures.clear();
        socketUrlOverride = null;
    }

    /** How many times {@code method} was called. */
    public long calls(String method) {
        return apiCalls.stream().filter(method::equals).count();
    }

    // ---------------------------------------------------------------- Socket Mode

    /** Sends a {@code /rdpcheck text} slash command envelope; the future completes with the bot's ack. */
    public CompletableFuture<Ack> slashCommand(String text, String channel, String user, String responseUrl) {
        return send("slash_commands", slashCommandPayload(text, channel, user, responseUrl), true, sockets.current());
    }

    /**
     * As {@link #slashCommand(String, String, String, String)}, over the {@code nth} Socket Mode connection that
     * opened (0: the first): with several bots (replicas) connected, Slack hands each envelope to one of them.
     */
    public CompletableFuture<Ack> slashCommand(String text, String channel, String user, String responseUrl, int nth) {
        return send("slash_commands", slashCommandPayload(text, channel, user, responseUrl), true, sockets.opened.get(nth));
    }

    private JsonObject slashCommandPayload(String text, String channel, String user, String responseUrl) {
        JsonObject payload = new JsonObject();
        payload.addProperty("token", "verification-token");
        payload.addProperty("team_id", TEAM);
        payload.addProperty("team_domain", "fake");
        payload.addProperty("channel_id", channel);
        payload.addProperty("channel_name", "incident");
        payload.addProperty("user_id", user);
        payload.addProperty("user_name", "user-" + user);
        payload.addProperty("command", "/rdpcheck");
        payload.addProperty("text", text);
        payload.addProperty("api_app_id", APP_ID);
        payload.addProperty("is_enterprise_install", "false");
        payload.addProperty("response_url", responseUrl);
        payload.addProperty("trigger_id", "trigger-" + ids.incrementAndGet());
        return payload;
    }

    /** Sends a button press (block_actions) on the message {@code messageTs}. */
    public CompletableFuture<Ack> blockAction(String actionId, String value, String channel, String user, String messageTs,
                                              String responseUrl) {
        JsonObject payload = new JsonObject();
        payload.addProperty("type", "block_actions");
        payload.add("team", object("id", TEAM, "domain", "fake"));
        payload.add("user", object("id", user, "username", "user-" + user, "team_id", TEAM));
        payload.addProperty("api_app_id", APP_ID);
        payload.addProperty("token", "verification-token");
        JsonObject container = object("type", "message", "message_ts", messageTs, "channel_id", channel);
        container.addProperty("is_ephemeral", false);
        payload.add("container", container);
        payload.addProperty("trigger_id", "trigger-" + ids.incrementAndGet());
        payload.add("channel", object("id", channel, "name", "incident"));
        JsonObject message = object("type", "message", "ts", messageTs, "text", "verdict");
        message.addProperty("user", BOT_USER);
        payload.add("message", message);
        payload.addProperty("response_url", responseUrl);
        JsonArray actions = new JsonArray();
        JsonObject action = object("action_id", actionId, "block_id", "rdpcheck_actions", "value", value);
        action.addProperty("type", "button");
        action.addProperty("action_ts", nextTs());
        actions.add(action);
        payload.add("actions", actions);
        return send("interactive", payload, false);
    }

    /** Sends an {@code app_mention} event: {@code <@bot> text} in {@code channel}. */
    public CompletableFuture<Ack> appMention(String text, String channel, String user) {
        String eventTs = nextTs();
        JsonObject event = object("type", "app_mention", "user", user, "text", "<@" + BOT_USER + "> " + text);
        event.addProperty("ts", eventTs);
        event.addProperty("channel", channel);
        event.addProperty("event_ts", eventTs);
        JsonObject payload = object("token", "verification-token", "team_id", TEAM, "api_app_id", APP_ID);
        payload.add("event", event);
        payload.addProperty("type", "event_callback");
        payload.addProperty("event_id", "Ev" + ids.incrementAndGet());
        payload.addProperty("event_time", System.currentTimeMillis() / 1000);
        return send("events_api", payload, false);
    }

    private CompletableFuture<Ack> send(String type, JsonObject payload, boolean acceptsResponsePayload) {
        return send(type, payload, acceptsResponsePayload, sockets.current());
    }

    private CompletableFuture<Ack> send(String type, JsonObject payload, boolean acceptsResponsePayload, WebSocket connection) {
        String envelopeId = "env-" + ids.incrementAndGet();
        JsonObject envelope = new JsonObject();
        envelope.addProperty("envelope_id", envelopeId);
        envelope.addProperty("type", type);
        envelope.addProperty("accepts_response_payload", acceptsResponsePayload);
        envelope.add("payload", payload);
        CompletableFuture<Ack> ack = new CompletableFuture<>();
        acks.put(envelopeId, ack);
        if (connection == null || !connection.isOpen()) {
            ack.completeExceptionally(new IllegalStateException("no open Socket Mode connection"));
            return ack;
        }
        sentAt.put(envelopeId, System.nanoTime());
        connection.send(gson.toJson(envelope));
        nudge(connection, ack, 0);
        return ack;
    }

    /**
     * Java-WebSocket's server loses a race when the machine is loaded: its selector thread, having
     * written the queue empty, resets the write interest just after another thread queued a message
     * and set it, so the message waits for the next write. One envelope in a few thousand never
     * left the fake (the bot's log shows it never arrived). A ping sets the write interest again and
     * the envelope goes out with it, once; the bot's own answers are not touched.
     */
    private void nudge(WebSocket connection, CompletableFuture<Ack> ack, int times) {
        if (times >= NUDGES) {
            return;
        }
        try {
            nudger.schedule(() -> {
                if (!ack.isDone() && connection.isOpen()) {
                    connection.sendPing();
                    nudge(connection, ack, times + 1);
                }
            }, NUDGE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the fake is closing
        }
    }

    /** Drops every Socket Mode connection the way a network failure does (no close handshake). */
    public void dropSocketConnections() {
        for (WebSocket connection : sockets.getConnections()) {
            connection.closeConnection(1006, "dropped by the test");
        }
    }

    /** Connections that opened (each got a hello). */
    public int socketConnectionsOpened() {
        return connectionsOpened.get();
    }

    /** Blocks until at least {@code n} connections opened. */
    public void awaitSocketConnections(int n, Duration timeout) throws InterruptedException, TimeoutException {
        waitFor(() -> connectionsOpened.get() >= n && sockets.current() != null && sockets.current().isOpen(), timeout,
                "Socket Mode connection #" + n);
    }

    // ---------------------------------------------------------------- what the bot posted

    public List<Posted> posted() {
        return List.copyOf(posted);
    }

    public List<Responded> responded() {
        return List.copyOf(responded);
    }

    /** Files shared through the files.getUploadURLExternal / completeUploadExternal flow. */
    public List<SharedFile> files() {
        return List.copyOf(files);
    }

    public List<SharedFile> awaitFiles(int count, Duration timeout) throws InterruptedException, TimeoutException {
        waitFor(() -> files.size() >= count, timeout, () -> count + " shared files; have " + files.size());
        return List.copyOf(files);
    }

    /** Web API methods called, in order. */
    public List<String> apiCalls() {
        return List.copyOf(apiCalls);
    }

    public int connectionsOpenCalls() {
        return connectionsOpenCalls.get();
    }

    /** Waits until {@code count} posted messages match, and returns them in order. */
    public List<Posted> awaitPosted(Predicate<Posted> match, int count, Duration timeout)
            throws InterruptedException, TimeoutException {
        // the description is built only on a timeout: stringifying every message on every poll made the waiting
        // thread the busiest in the JVM (and the benchmarks measured it competing with the bot for the CPU)
        waitFor(() -> posted.stream().filter(match).count() >= count, timeout,
                () -> count + " matching messages; have " + posted);
        return posted.stream().filter(match).toList();
    }

    public List<Responded> awaitResponded(Predicate<Responded> match, int count, Duration timeout)
            throws InterruptedException, TimeoutException {
        waitFor(() -> responded.stream().filter(match).count() >= count, timeout,
                () -> count + " response_url posts; have " + responded);
        return responded.stream().filter(match).toList();
    }

    static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException, TimeoutException {
        waitFor(condition, timeout, () -> what);
    }

    static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout,
                        java.util.function.Supplier<String> what) throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new TimeoutException("waited " + timeout.toMillis() + " ms for " + what.get());
            }
            Thread.sleep(5);
        }
    }

    // ---------------------------------------------------------------- HTTP mode helpers

    /** Slack's v0 signature of {@code body} at {@code timestamp} (seconds) with {@code secret}. */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A slash command as HTTP mode receives it: a form body. */
    public String slashCommandForm(String text, String channel, String user, String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "verification-token");
        form.put("team_id", TEAM);
        form.put("team_domain", "fake");
        form.put("channel_id", channel);
        form.put("channel_name", "incident");
        form.put("user_id", user);
        form.put("user_name", "user-" + user);
        form.put("command", "/rdpcheck");
        form.put("text", text);
        form.put("api_app_id", APP_ID);
        form.put("response_url", responseUrl);
        form.put("trigger_id", "trigger-" + ids.incrementAndGet());
        StringBuilder out = new StringBuilder();
        form.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    // ---------------------------------------------------------------- the Web API

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            apiCalls.add(method);
            String body = new String(exchange.getRequestBody().readNBytes(4 << 20), StandardCharsets.UTF_8);
            Map<String, String> params = parseParams(exchange, body);
            long now = System.nanoTime();
            Failure failure = failures.get(method);
            if (failure != null) {
                if (failure.status() == 429) {
                    exchange.getResponseHeaders().set("Retry-After", String.valueOf(failure.retryAfterSeconds()));
                }
                json(exchange, failure.status(), object("ok", false, "error", failure.error()));
                return;
            }
            switch (method) {
                case "auth.test" -> json(exchange, 200, object("ok", true, "url", "https://fake.slack.invalid/", "team", "fake",
                        "user", "rdpcheck", "team_id", TEAM, "user_id", BOT_USER, "bot_id", BOT_ID));
                case "apps.connections.open" -> {
                    connectionsOpenCalls.incrementAndGet();
                    String override = socketUrlOverride;
                    json(exchange, 200, object("ok", true, "url", override != null ? override
                            : "ws://127.0.0.1:" + sockets.getPort() + "/link/?ticket=" + ids.incrementAndGet()));
                }
                case "chat.postMessage" -> {
                    AtomicInteger limit = rateLimitNext.get(params.getOrDefault("channel", ""));
                    if (limit != null && limit.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        rateLimited.incrementAndGet();
                        exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
                        json(exchange, 429, object("ok", false, "error", "ratelimited"));
                        return;
                    }
                    String channel = params.getOrDefault("channel", "");
                    if (notInChannel.contains(channel)) {
                        json(exchange, 200, object("ok", false, "error", "not_in_channel"));
                        return;
                    }
                    String messageTs = nextTs();
                    posted.add(new Posted(method, channel, params.get("text"), params.get("thread_ts"), messageTs, null,
                            blocks(params.get("blocks")), params, now));
                    json(exchange, 200, object("ok", true, "channel", channel, "ts", messageTs));
                }
                case "chat.postEphemeral" -> {
                    String messageTs = nextTs();
                    posted.add(new Posted(method, params.getOrDefault("channel", ""), params.get("text"), params.get("thread_ts"),
                            messageTs, params.get("user"), blocks(params.get("blocks")), params, now));
                    json(exchange, 200, object("ok", true, "message_ts", messageTs));
                }
                case "files.getUploadURLExternal" -> {
                    String filename = params.get("filename");
                    String length = params.get("length");
                    if (filename == null || length == null) {
                        json(exchange, 200, object("ok", false, "error", "invalid_arguments"));
                        return;
                    }
                    String id = "F" + ids.incrementAndGet();
                    uploadSlots.put(id, new String[] {filename, length});
                    json(exchange, 200, object("ok", true, "file_id", id,
                            "upload_url", "http://127.0.0.1:" + http.getAddress().getPort() + "/upload/" + id));
                }
                case "files.completeUploadExternal" -> {
                    JsonArray list = JsonParser.parseString(params.getOrDefault("files", "[]")).getAsJsonArray();
                    for (com.google.gson.JsonElement element : list) {
                        String id = element.getAsJsonObject().get("id").getAsString();
                        String[] slot = uploadSlots.get(id);
                        byte[] content = uploaded.get(id);
                        if (slot == null || content == null || content.length != Integer.parseInt(slot[1])) {
                            json(exchange, 200, object("ok", false, "error", "file_not_found"));
                            return;
                        }
                        String title = element.getAsJsonObject().has("title") ? element.getAsJsonObject().get("title").getAsString() : slot[0];
                        files.add(new SharedFile(id, slot[0], title, params.get("channel_id"), params.get("thread_ts"), content));
                    }
                    json(exchange, 200, object("ok", true));
                }
                default -> json(exchange, 200, object("ok", true));
            }
        }
    }

    /** The upload URL files.getUploadURLExternal handed out: takes the file's bytes in one POST. */
    private void upload(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/upload/".length());
            if (!uploadSlots.containsKey(id) || !"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            uploaded.put(id, exchange.getRequestBody().readNBytes(8 << 20));
            byte[] ok = ("OK - " + id).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        }
    }

    private void response(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/response/".length());
            String body = new String(exchange.getRequestBody().readNBytes(4 << 20), StandardCharsets.UTF_8);
            responded.add(new Responded(id, JsonParser.parseString(body).getAsJsonObject(), System.nanoTime()));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        }
    }

    private static Map<String, String> parseParams(HttpExchange exchange, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (contentType.contains("json")) {
            JsonObject object = JsonParser.parseString(body).getAsJsonObject();
            object.entrySet().forEach(e -> params.put(e.getKey(), e.getValue().isJsonPrimitive()
                    ? e.getValue().getAsString() : e.getValue().toString()));
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static JsonArray blocks(String json) {
        return json == null || json.isBlank() ? new JsonArray() : JsonParser.parseString(json).getAsJsonArray();
    }

    private void json(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = gson.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String nextTs() {
        long value = ts.incrementAndGet();
        return (value / 1_000_000) + "." + String.format("%06d", value % 1_000_000);
    }

    private static JsonObject object(Object... keyValues) {
        JsonObject object = new JsonObject();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            if (value instanceof Boolean b) {
                object.addProperty((String) keyValues[i], b);
            } else {
                object.addProperty((String) keyValues[i], String.valueOf(value));
            }
        }
        return object;
    }

    @Override
    public void close() throws Exception {
        http.stop(0);
        httpExecutor.shutdownNow();
        nudger.shutdownNow();
        sockets.stop(1000);
    }

    /** The Socket Mode server: hello on open, acks matched to envelopes. */
    private final class Sockets extends WebSocketServer {
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        private volatile WebSocket current;
        /** Every connection that opened, in order. */
        final List<WebSocket> opened = new CopyOnWriteArrayList<>();

        Sockets(InetSocketAddress address) {
            super(address);
        }

        WebSocket current() {
            return current;
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            current = connection;
            opened.add(connection);
            connectionsOpened.incrementAndGet();
            JsonObject hello = object("type", "hello");
            hello.addProperty("num_connections", 1);
            hello.add("connection_info", object("app_id", APP_ID));
            connection.send(gson.toJson(hello));
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
            if (current == connection) {
                current = null;
            }
        }

        @Override
        public void onMessage(WebSocket connection, String message) {
            long received = System.nanoTime();
            JsonObject object = JsonParser.parseString(message).getAsJsonObject();
            if (!object.has("envelope_id")) {
                return;
            }
            String id = object.get("envelope_id").getAsString();
            Long sent = sentAt.remove(id);
            CompletableFuture<Ack> ack = acks.remove(id);
            if (ack != null && sent != null) {
                JsonObject payload = object.has("payload") && object.get("payload").isJsonObject()
                        ? object.getAsJsonObject("payload") : null;
                ack.complete(new Ack(id, payload, Duration.ofNanos(received - sent)));
            }
        }

        @Override
        public void onError(WebSocket connection, Exception e) {
            // a dropped connection reports here too; the test asserts on behaviour, not on this
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

}

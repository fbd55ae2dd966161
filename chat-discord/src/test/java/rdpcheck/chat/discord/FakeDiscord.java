package rdpcheck.chat.discord;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Discord that the real JDA talks to: the REST API on an HTTP server (point
 * {@code RestConfig#setBaseUrl} at {@link #restBaseUrl()}) and the gateway on a WebSocket server
 * (return {@link #gatewayUrl()} from {@code SessionController#getGateway}). It knows one guild
 * with one text channel, plays the user's side (slash commands, button clicks) by dispatching
 * INTERACTION_CREATE with fresh snowflake ids, and records every REST call for assertions.
 */
final class FakeDiscord implements AutoCloseable {

    static final String TOKEN = "fake-bot-token";

    /** An interaction the fake sent as the user. */
    record Interaction(long id, String token, long sentNanos) {
    }

    private static final Pattern CALLBACK = Pattern.compile("interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern WEBHOOK_MESSAGE = Pattern.compile("webhooks/(\\d+)/([^/]+)/messages/([^/]+)");
    private static final Pattern WEBHOOK = Pattern.compile("webhooks/(\\d+)/([^/]+)");
    private static final Pattern THREAD_FROM_MESSAGE = Pattern.compile("channels/(\\d+)/messages/(\\d+)/threads");
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("channels/(\\d+)/messages");
    private static final Pattern COMMANDS = Pattern.compile("applications/(\\d+)/commands");
    private static final String API_PREFIX = "/api/v10/";

    private final HttpServer http;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(4);
    private final FakeDiscordGateway gateway;
    private final List<FakeDiscordRequest> requests = new CopyOnWriteArrayList<>();
    private final List<FakeDiscordRequest> unhandled = new CopyOnWriteArrayList<>();
    /** Interaction token → the id of its original response message, once it exists. */
    private final Map<String, Long> originals = new ConcurrentHashMap<>();
    private final Map<String, Long> interactionIds = new ConcurrentHashMap<>();
    /** Every message that exists, by id, as Discord would return it. */
    private final Map<Long, ObjectNode> messages = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> threads = new ConcurrentHashMap<>();
    private volatile JsonNode commands = FakeDiscordJson.array();
    private final Map<String, Integer> failing = new ConcurrentHashMap<>();

    private FakeDiscord(HttpServer http, long botPermissions) {
        this.http = http;
        this.gateway = new FakeDiscordGateway(botPermissions);
    }

    static FakeDiscord start() throws IOException, InterruptedException {
        return start(FakeDiscordJson.BOT_PERMISSIONS);
    }

    /** A guild where the bot's role has {@code botPermissions} (a permission bit set as Discord defines it). */
    static FakeDiscord start(long botPermissions) throws IOException, InterruptedException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        FakeDiscord fake = new FakeDiscord(server, botPermissions);
        server.createContext("/", fake::handle);
        server.setExecutor(fake.httpThreads);
        server.start();
        fake.gateway.startAndWait();
        return fake;
    }

    String restBaseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + API_PREFIX;
    }

    String gatewayUrl() {
        return gateway.url();
    }

    FakeDiscordGateway gateway() {
        return gateway;
    }

    List<FakeDiscordRequest> requests() {
        return List.copyOf(requests);
    }

    /** Calls the fake has no route for: a test that sees any here found a gap in the fake or a stray call. */
    List<FakeDiscordRequest> unhandled() {
        return List.copyOf(unhandled);
    }

    JsonNode registeredCommands() {
        return commands;
    }

    Optional<JsonNode> message(long id) {
        return Optional.ofNullable(messages.get(id));
    }

    Optional<JsonNode> thread(long id) {
        return Optional.ofNullable(threads.get(id));
    }

    /** Waits for the first recorded call (old or new) that matches. */
    FakeDiscordRequest await(Predicate<FakeDiscordRequest> match, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (FakeDiscordRequest request : requests) {
                if (match.test(request)) {
                    return request;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no matching request within " + timeout + "; got " + describe(requests));
    }

    /** Waits for the {@code n}th (1-based) recorded call that matches. */
    FakeDiscordRequest awaitNth(int n, Predicate<FakeDiscordRequest> match, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<FakeDiscordRequest> matching = requests.stream().filter(match).toList();
            if (matching.size() >= n) {
                return matching.get(n - 1);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("fewer than " + n + " matching requests within " + timeout + "; got " + describe(requests));
    }

    private static String describe(List<FakeDiscordRequest> list) {
        StringBuilder out = new StringBuilder();
        list.forEach(r -> out.append("\n  ").append(r.method()).append(' ').append(r.path()));
        return out.toString();
    }

    /** The user types {@code /name option:value...} in the channel. */
    Interaction slashCommand(String name, Map<String, Object> options) {
        long id = FakeDiscordJson.snowflake();
        String token = "itok-" + UUID.randomUUID();
        ObjectNode interaction = FakeDiscordJson.interaction(id, token, 2);
        ObjectNode data = interaction.putObject("data");
        data.put("id", commandId(name));
        data.put("name", name);
        data.put("type", 1);
        data.put("guild_id", Long.toUnsignedString(FakeDiscordJson.GUILD_ID));
        ArrayNode opts = data.putArray("options");
        options.forEach((key, value) -> {
            ObjectNode option = opts.addObject();
            option.put("name", key);
            if (value instanceof Boolean b) {
                option.put("type", 5);
                option.put("value", b);
            } else {
                option.put("type", 3);
                option.put("value", String.valueOf(value));
            }
        });
        return send(interaction, id, token);
    }

    /** The user clicks the button {@code customId} on message {@code messageId}. */
    Interaction clickButton(long messageId, String customId) {
        ObjectNode message = messages.get(messageId);
        if (message == null) {
            throw new IllegalArgumentException("no message " + messageId);
        }
        long id = FakeDiscordJson.snowflake();
        String token = "itok-" + UUID.randomUUID();
        ObjectNode interaction = FakeDiscordJson.interaction(id, token, 3);
        if (message.path("channel_id").asLong() != FakeDiscordJson.CHANNEL_ID) {
            ObjectNode thread = threads.get(message.path("channel_id").asLong());
            interaction.put("channel_id", thread.path("id").asText());
            interaction.set("channel", thread);
        }
        ObjectNode data = interaction.putObject("data");
        data.put("custom_id", customId);
        data.put("component_type", 2);
        interaction.set("message", message.deepCopy());
        return send(interaction, id, token);
    }

    private Interaction send(ObjectNode interaction, long id, String token) {
        interactionIds.put(token, id);
        long sent = System.nanoTime();
        gateway.dispatch("INTERACTION_CREATE", interaction);
        return new Interaction(id, token, sent);
    }

    private String commandId(String name) {
        for (JsonNode command : commands) {
            if (command.path("name").asText().equals(name)) {
                return command.path("id").asText();
            }
        }
        return Long.toUnsignedString(FakeDiscordJson.snowflake());
    }

    /** Id of the original response message of an interaction, once its callback made one. */
    Optional<Long> originalOf(Interaction interaction) {
        return Optional.ofNullable(originals.get(interaction.token()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath();
            if (!rawPath.startsWith(API_PREFIX)) {
                respond(exchange, 404, error("not the v10 API: " + rawPath));
                return;
            }
            String path = rawPath.substring(API_PREFIX.length());
            String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
            Map<String, String> files = new java.util.LinkedHashMap<>();
            JsonNode body = readBody(exchange, files);
            FakeDiscordRequest request = new FakeDiscordRequest(exchange.getRequestMethod(), path, query, body,
                    Map.copyOf(files), received);
            try {
                route(exchange, request);
            } finally {
                // listed once routed: a test that saw the request also sees what it changed (the registered commands)
                requests.add(request);
            }
        }
    }

    /** From now on, {@code GET path} answers HTTP {@code status} (401 is how Discord refuses a token); until {@link #heal()}. */
    void failGet(String path, int status) {
        failing.put(path, status);
    }

    /** Every route answers normally again, and the gateway accepts IDENTIFY. */
    void heal() {
        failing.clear();
        gateway.closeOnIdentify(0);
    }

    private void route(HttpExchange exchange, FakeDiscordRequest request) throws IOException {
        String path = request.path();
        Matcher m;
        Integer failure = request.method().equals("GET") ? failing.get(path) : null;
        if (failure != null) {
            respond(exchange, failure, error(failure == 401 ? "401: Unauthorized" : "failing on purpose", 0));
            return;
        }
        if (request.is("GET", "users/@me")) {
            respond(exchange, 200, FakeDiscordJson.botUser());
        } else if (request.is("GET", "(oauth2/)?applications/@me")) {
            ObjectNode app = FakeDiscordJson.application();
            app.put("name", "rdpcheck");
            app.put("description", "");
            app.put("bot_public", true);
            app.put("bot_require_code_grant", false);
            app.set("owner", FakeDiscordJson.user(FakeDiscordJson.USER_ID, "owner", false));
            respond(exchange, 200, app);
        } else if (request.method().equals("PUT") && (m = COMMANDS.matcher(path)).matches()) {
            ArrayNode registered = FakeDiscordJson.array();
            for (JsonNode command : request.body()) {
                ObjectNode copy = command.deepCopy();
                long id = FakeDiscordJson.snowflake();
                copy.put("id", Long.toUnsignedString(id));
                copy.put("application_id", m.group(1));
                copy.put("version", Long.toUnsignedString(id));
                registered.add(copy);
            }
            commands = registered;
            respond(exchange, 200, registered);
        } else if (request.method().equals("POST") && (m = CALLBACK.matcher(path)).matches()) {
            callback(exchange, request, Long.parseUnsignedLong(m.group(1)), m.group(2));
        } else if (request.method().equals("PATCH") && (m = WEBHOOK_MESSAGE.matcher(path)).matches()) {
            Long id = "@original".equals(m.group(3)) ? originals.get(m.group(2)) : Long.valueOf(m.group(3));
            ObjectNode existing = id == null ? null : messages.get(id);
            if (existing == null) {
                respond(exchange, 404, error("Unknown Message", 10008));
                return;
            }
            respond(exchange, 200, store(id, existing.path("channel_id").asLong(), merge(existing, request.body()), true));
        } else if (request.method().equals("POST") && (m = WEBHOOK.matcher(path)).matches()) {
            if (!interactionIds.containsKey(m.group(2))) {
                respond(exchange, 404, error("Unknown Webhook", 10015));
                return;
            }
            respond(exchange, 200, store(FakeDiscordJson.snowflake(), FakeDiscordJson.CHANNEL_ID, request.body(), true));
        } else if (request.method().equals("POST") && (m = THREAD_FROM_MESSAGE.matcher(path)).matches()) {
            long parent = Long.parseUnsignedLong(m.group(1));
            long from = Long.parseUnsignedLong(m.group(2));
            if (!messages.containsKey(from)) {
                respond(exchange, 404, error("Unknown Message", 10008));
                return;
            }
            // Discord gives a thread started from a message the message's id.
            ObjectNode thread = FakeDiscordJson.thread(from, parent, request.body().path("name").asText("thread"));
            threads.put(from, thread);
            respond(exchange, 201, thread);
        } else if (request.method().equals("POST") && (m = CHANNEL_MESSAGES.matcher(path)).matches()) {
            long channel = Long.parseUnsignedLong(m.group(1));
            if (channel != FakeDiscordJson.CHANNEL_ID && !threads.containsKey(channel)) {
                respond(exchange, 404, error("Unknown Channel", 10003));
                return;
            }
            respond(exchange, 200, store(FakeDiscordJson.snowflake(), channel, request.body(), false));
        } else {
            unhandled.add(request);
            respond(exchange, 404, error("the fake has no route for " + request.method() + " " + path));
        }
    }

    private void callback(HttpExchange exchange, FakeDiscordRequest request, long id, String token) throws IOException {
        Long known = interactionIds.get(token);
        if (known == null || known != id) {
            respond(exchange, 404, error("Unknown interaction", 10062));
            return;
        }
        int type = request.body().path("type").asInt();
        if (type == 4 || type == 5) {
            // A reply or deferred reply makes the original response message (the "thinking" one for 5).
            if (originals.containsKey(token)) {
                respond(exchange, 400, error("Interaction has already been acknowledged.", 40060));
                return;
            }
            long messageId = FakeDiscordJson.snowflake();
            originals.put(token, messageId);
            store(messageId, FakeDiscordJson.CHANNEL_ID, request.body().path("data"), true);
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private ObjectNode store(long id, long channel, JsonNode sent, boolean fromInteraction) {
        ObjectNode message = FakeDiscordJson.message(id, channel, sent, fromInteraction);
        messages.put(id, message);
        return message;
    }

    /** An edit replaces the fields it names and keeps the rest. */
    private static ObjectNode merge(ObjectNode existing, JsonNode edit) {
        ObjectNode merged = existing.deepCopy();
        edit.fields().forEachRemaining(field -> merged.set(field.getKey(), field.getValue()));
        return merged;
    }

    private static JsonNode readBody(HttpExchange exchange, Map<String, String> files) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(4 * 1024 * 1024);
        }
        if (bytes.length == 0) {
            return FakeDiscordJson.object();
        }
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (contentType.startsWith("multipart/form-data")) {
            text = payloadJson(text, contentType, files);
        }
        return FakeDiscordJson.MAPPER.readTree(text);
    }

    /** JDA sends messages as multipart with a {@code payload_json} part; the JSON is what matters here. */
    private static String payloadJson(String body, String contentType, Map<String, String> files) {
        String boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
        String json = "{}";
        for (String part : body.split(Pattern.quote(boundary))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headersEnd);
            String value = part.substring(headersEnd + 4);
            value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value;
            Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            if (headers.contains("name=\"payload_json\"")) {
                json = value;
            } else if (file.find()) {
                files.put(file.group(1), value);
            }
        }
        return json;
    }

    private static ObjectNode error(String message) {
        return error(message, 0);
    }

    private static ObjectNode error(String message, int code) {
        ObjectNode error = FakeDiscordJson.object();
        error.put("message", message);
        error.put("code", code);
        return error;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        gateway.shutdown();
        http.stop(0);
        httpThreads.shutdownNow();
    }
}

package rdpcheck.chat.slack;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.impl.SocketModeClientJavaWSImpl;
import com.slack.api.socket_mode.queue.impl.ConcurrentLinkedMessageQueue;
import com.slack.api.socket_mode.response.AckResponse;
import com.slack.api.util.json.GsonFactory;

/**
 * One Socket Mode WebSocket connection, opened to a URL from {@code apps.connections.open}, with
 * the Bolt app answering what arrives on it. The client's own reconnect loops (the session monitor
 * and reconnect-on-close) are off: {@link rdpcheck.chat.Reconnector} decides when to try again.
 */
final class SocketModeConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketModeConnection.class);

    /** Envelopes handled at once (the library's default). */
    private static final int CONCURRENCY = SocketModeClient.DEFAULT_MESSAGE_PROCESSOR_CONCURRENCY;

    private final SocketModeClient client;
    private final CompletableFuture<Void> hello = new CompletableFuture<>();

    /** Thrown when the connection closed before it said hello; the reason carries any HTTP status. */
    static final class ClosedEarly extends IOException {
        ClosedEarly(int code, String reason) {
            super("closed before hello (code " + code + (reason == null || reason.isBlank() ? "" : ", " + reason) + ")");
        }
    }

    private SocketModeConnection(SocketModeClient client) {
        this.client = client;
    }

    /**
     * Connects and waits for hello.
     *
     * @param hello    how long to wait for the first hello (SlackSettings.timeout)
     * @param onHello  each hello on this connection (Slack may refresh it in place)
     * @param onClosed the established connection closed: code and reason
     */
    static SocketModeConnection open(Slack slack, String appToken, String url, App app, Duration hello, Runnable onHello,
                                     BiConsumer<Integer, String> onClosed) throws Exception {
        SocketModeClient client = new SocketModeClientJavaWSImpl(slack, appToken, url, CONCURRENCY,
                new ConcurrentLinkedMessageQueue(), false, false, SocketModeClient.DEFAULT_SESSION_MONITOR_INTERVAL_MILLISECONDS);
        SocketModeConnection connection = new SocketModeConnection(client);
        SocketModeRequestParser parser = new SocketModeRequestParser(app.config());
        Gson gson = GsonFactory.createSnakeCase(slack.getConfig());
        client.addWebSocketMessageListener(message -> {
            if (message.contains("\"type\":\"hello\"")) {
                connection.hello.complete(null);
                onHello.run();
                return;
            }
            connection.dispatch(parser, gson, app, message);
        });
        client.addWebSocketErrorListener(connection.hello::completeExceptionally);
        client.addWebSocketCloseListener((code, reason) -> {
            if (!connection.hello.isDone()) {
                connection.hello.completeExceptionally(new ClosedEarly(code == null ? -1 : code, reason));
            } else {
                onClosed.accept(code == null ? -1 : code, reason == null ? "" : reason);
            }
        });
        try {
            client.connect();
            connection.hello.get(hello.toMillis(), TimeUnit.MILLISECONDS);
            return connection;
        } catch (ExecutionException e) {
            connection.close();
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            connection.close();
            throw new SocketTimeoutException("no hello within " + hello.toMillis() + " ms");
        } catch (InterruptedException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** What Bolt's own Socket Mode adapter does with an envelope: run the app, send its answer as the ack. */
    private void dispatch(SocketModeRequestParser parser, Gson gson, App app, String message) {
        SocketModeRequest request = parser.parse(message);
        if (request == null) {
            return;
        }
        try {
            Response response = app.run(request.getBoltRequest());
            String envelope = request.getEnvelope().getEnvelopeId();
            if (response.getStatusCode() != 200) {
                LOG.warn("Slack: the app answered an envelope with status {}", response.getStatusCode());
                return;
            }
            if (response.getBody() == null) {
                client.sendSocketModeResponse(new AckResponse(envelope));
                return;
            }
            Map<String, Object> ack = new HashMap<>();
            ack.put("envelope_id", envelope);
            if (response.getContentType() != null && response.getContentType().startsWith("application/json")) {
                ack.put("payload", gson.fromJson(response.getBody(), JsonElement.class));
            } else {
                ack.put("payload", Map.of("text", response.getBody()));
            }
            client.sendSocketModeResponse(gson.toJson(ack));
        } catch (Exception e) {
            LOG.warn("Slack: handling an envelope failed: {}", e.toString());
            LOG.debug("Slack: handling an envelope failed", e);
        }
    }

    /** True when the connection answers a ping: Slack may have swapped it for a fresh one in place. */
    boolean alive() {
        return client.verifyConnection();
    }

    /** Closes without waiting for the server's close answer for more than {@code limit}. */
    void closeWithin(Duration limit) throws InterruptedException {
        Thread closer = new Thread(this::close, "rdpcheck-slack-close");
        closer.setDaemon(true);
        closer.start();
        closer.join(limit.toMillis());
        if (closer.isAlive()) {
            LOG.warn("the Socket Mode connection did not close within {} s; leaving it", limit.toSeconds());
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("closing the Socket Mode client", e);
        }
    }
}

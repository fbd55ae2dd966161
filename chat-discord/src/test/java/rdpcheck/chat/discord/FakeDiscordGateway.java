package rdpcheck.chat.discord;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway half of {@link FakeDiscord}: a WebSocket server speaking the Discord gateway
 * protocol v10 as JSON without transport compression — HELLO, IDENTIFY → READY + GUILD_CREATE,
 * heartbeats, RESUME → replay + RESUMED — and dispatching events with sequence numbers, which
 * it keeps so that a resumed session gets what it missed, as Discord does.
 */
final class FakeDiscordGateway extends WebSocketServer {

    static final int OP_DISPATCH = 0;
    static final int OP_HEARTBEAT = 1;
    static final int OP_IDENTIFY = 2;
    static final int OP_RESUME = 6;
    static final int OP_INVALID_SESSION = 9;
    static final int OP_HELLO = 10;
    static final int OP_HEARTBEAT_ACK = 11;

    /** Long enough that heartbeats never matter within a test; JDA sends one at once anyway. */
    private static final int HEARTBEAT_INTERVAL_MILLIS = 41_250;

    private record Sent(int seq, String type, JsonNode data) {
    }

    private final CountDownLatch started = new CountDownLatch(1);
    private final List<Sent> log = new ArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<JsonNode> identifies = new CopyOnWriteArrayList<>();
    private final List<JsonNode> resumes = new CopyOnWriteArrayList<>();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    // guarded by this
    private WebSocket live;
    private boolean sessionReady;
    private String sessionId;
    private int seq;

    private final long botPermissions;
    private volatile int closeOnIdentify;

    /** IDENTIFY is answered by closing with {@code code} (4004: authentication failed); 0 answers normally. */
    void closeOnIdentify(int code) {
        closeOnIdentify = code;
    }

    FakeDiscordGateway(long botPermissions) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        setReuseAddr(true);
        setConnectionLostTimeout(0);
        this.botPermissions = botPermissions;
    }

    void startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake gateway did not start");
        }
    }

    String url() {
        return "ws://127.0.0.1:" + getPort() + "/";
    }

    /** Query strings of every connection: what JDA asked for (encoding, version, compression). */
    List<String> queries() {
        return List.copyOf(queries);
    }

    List<JsonNode> identifies() {
        return List.copyOf(identifies);
    }

    List<JsonNode> resumes() {
        return List.copyOf(resumes);
    }

    int heartbeats() {
        return heartbeats.get();
    }

    int connections() {
        return connections.get();
    }

    synchronized boolean sessionReady() {
        return sessionReady;
    }

    /** Sends a dispatch now if a session is live, else keeps it for the session's RESUME. */
    synchronized void dispatch(String type, JsonNode data) {
        Sent event = new Sent(++seq, type, data);
        log.add(event);
        if (live != null && sessionReady) {
            send(live, event);
        }
    }

    /** Drops the connection the way a network failure does: no close frame, the socket just ends. */
    synchronized void dropConnection() {
        if (live != null) {
            live.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the test");
            live = null;
            sessionReady = false;
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        connections.incrementAndGet();
        String resource = handshake.getResourceDescriptor();
        int q = resource.indexOf('?');
        queries.add(q < 0 ? "" : resource.substring(q + 1));
        synchronized (this) {
            live = conn;
            sessionReady = false;
        }
        ObjectNode hello = FakeDiscordJson.object();
        hello.put("op", OP_HELLO);
        hello.putObject("d").put("heartbeat_interval", HEARTBEAT_INTERVAL_MILLIS);
        conn.send(hello.toString());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode payload;
        try {
            payload = FakeDiscordJson.MAPPER.readTree(message);
        } catch (IOException e) {
            conn.close(4002, "decode error");
            return;
        }
        int op = payload.path("op").asInt(-1);
        JsonNode d = payload.path("d");
        if (op == OP_HEARTBEAT) {
            heartbeats.incrementAndGet();
            ObjectNode ack = FakeDiscordJson.object();
            ack.put("op", OP_HEARTBEAT_ACK);
            conn.send(ack.toString());
        } else if (op == OP_IDENTIFY) {
            identifies.add(d);
            int refuse = closeOnIdentify;
            if (refuse != 0) {
                conn.close(refuse, "refused by the test");
                return;
            }
            identify(conn);
        } else if (op == OP_RESUME) {
            resumes.add(d);
            resume(conn, d.path("session_id").asText(), d.path("seq").asInt(0));
        }
    }

    private synchronized void identify(WebSocket conn) {
        sessionId = UUID.randomUUID().toString().replace("-", "");
        log.clear();
        seq = 0;
        ObjectNode ready = FakeDiscordJson.object();
        ready.put("v", 10);
        ready.set("user", FakeDiscordJson.botUser());
        ObjectNode unavailable = FakeDiscordJson.object();
        unavailable.put("id", Long.toUnsignedString(FakeDiscordJson.GUILD_ID));
        unavailable.put("unavailable", true);
        ready.putArray("guilds").add(unavailable);
        ready.putArray("private_channels");
        ready.putArray("relationships");
        ready.put("session_id", sessionId);
        ready.put("session_type", "normal");
        ready.put("resume_gateway_url", url());
        ready.set("application", FakeDiscordJson.application());
        live = conn;
        sessionReady = true;
        dispatch("READY", ready);
        dispatch("GUILD_CREATE", FakeDiscordJson.guild(botPermissions));
    }

    private synchronized void resume(WebSocket conn, String resumedSession, int lastSeq) {
        if (sessionId == null || !sessionId.equals(resumedSession)) {
            ObjectNode invalid = FakeDiscordJson.object();
            invalid.put("op", OP_INVALID_SESSION);
            invalid.put("d", false);
            conn.send(invalid.toString());
            return;
        }
        live = conn;
        for (Sent event : log) {
            if (event.seq() > lastSeq) {
                send(conn, event);
            }
        }
        sessionReady = true;
        dispatch("RESUMED", FakeDiscordJson.object());
    }

    private static void send(WebSocket conn, Sent event) {
        ObjectNode frame = FakeDiscordJson.object();
        frame.put("op", OP_DISPATCH);
        frame.put("s", event.seq());
        frame.put("t", event.type());
        frame.set("d", event.data());
        conn.send(frame.toString());
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        synchronized (this) {
            if (live == conn) {
                live = null;
                sessionReady = false;
            }
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // a client going away mid-frame is what the drop test does on purpose
    }

    void shutdown() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

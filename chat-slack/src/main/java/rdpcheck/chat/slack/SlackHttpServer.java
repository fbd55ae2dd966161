package rdpcheck.chat.slack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * HTTP mode's front door, reachable from the internet: one selector thread reads every
 * connection without blocking, each bounded in bytes (head {@value #MAX_HEAD_BYTES}, body
 * {@value #MAX_BODY_BYTES}) and in time ({@link #REQUEST_TIME} from accept to the last body
 * byte), and checks Slack's signature on the raw bytes. Only a signed, fresh, first-seen request
 * reaches the worker threads and Bolt (whose parser and app then run exactly as behind Jetty); a
 * slow, unsigned or replayed one costs the selector a few buffers and is answered or dropped there,
 * counted in {@code rdpcheck.slack.http.rejected} by reason and never logged with its content.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: it reads the request line, headers and body
 * on the executor's threads with no per-request time limit (only JVM-wide system properties), so
 * eight slow connections held all eight threads. The libraries that would do this (Jetty, Netty,
 * Undertow) are each a large dependency for one endpoint of one POST path; this is a few hundred
 * lines with every limit visible.
 */
final class SlackHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackHttpServer.class);

    /** Slack's payloads are a few kilobytes; anything far larger is not Slack. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** Request line and headers; Slack's are well under 2 KiB. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    /** From accept to the last byte of the body: Slack sends a request at once. */
    static final Duration REQUEST_TIME = Duration.ofSeconds(10);
    /** From a signed request's last byte to the last byte of its answer (Slack gives up after 3 s). */
    static final Duration ANSWER_TIME = Duration.ofSeconds(30);
    static final int MAX_CONNECTIONS = 1024;
    /** Slack's requests come from many addresses; one address holding more is not Slack. */
    static final int MAX_CONNECTIONS_PER_ADDRESS = 64;
    /** Bodies buffered at once across all connections (memory bound while reading slow bodies). */
    static final long MAX_BUFFERED_BYTES = 32L << 20;
    static final int WORKERS = 8;
    static final int WORKER_QUEUE = 64;

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final App app;
    private final SlackRequestParser parser;
    private final SlackSignature signature;
    private final ServerSocketChannel listener;
    private final Selector selector;
    private final ThreadPoolExecutor workers;
    private final Thread front;
    private final Queue<Runnable> toFront = new ConcurrentLinkedQueue<>();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final List<Conn> open = new ArrayList<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);
    private final MeterRegistry meters;
    private final Duration requestTime;
    private long buffered;
    private volatile boolean closed;

    private SlackHttpServer(App app, SlackSignature signature, ServerSocketChannel listener, Selector selector,
                            MeterRegistry meters, Duration requestTime) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.signature = signature;
        this.listener = listener;
        this.selector = selector;
        this.meters = meters;
        this.requestTime = requestTime;
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WORKER_QUEUE),
                r -> {
                    Thread thread = new Thread(r, "rdpcheck-slack-http");
                    thread.setDaemon(true);
                    return thread;
                });
        this.front = new Thread(this::loop, "rdpcheck-slack-front");
        this.front.setDaemon(true);
    }

    static SlackHttpServer start(App app, String signingSecret, InetSocketAddress bind, MeterRegistry meters)
            throws IOException {
        return start(app, signingSecret, bind, meters, REQUEST_TIME);
    }

    static SlackHttpServer start(App app, String signingSecret, InetSocketAddress bind, MeterRegistry meters,
                                 Duration requestTime) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        Selector selector = Selector.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(bind, 128);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            listener.close();
            selector.close();
            throw e;
        }
        SlackHttpServer server = new SlackHttpServer(app, new SlackSignature(signingSecret, Clock.systemUTC()), listener,
                selector, meters, requestTime);
        server.front.start();
        return server;
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    // --- the selector thread -------------------------------------------------------------------

    private void loop() {
        while (!closed) {
            try {
                selector.select(250);
                for (Runnable task; (task = toFront.poll()) != null; ) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        Conn conn = (Conn) key.attachment();
                        try {
                            if (key.isReadable()) {
                                read(conn);
                            } else if (key.isWritable()) {
                                write(conn);
                            }
                        } catch (IOException e) {
                            close(conn);
                        }
                    }
                }
                selector.selectedKeys().clear();
                sweep();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("Slack HTTP front: {}", e.toString());
                }
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            InetAddress remote = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
            int fromThere = perAddress.getOrDefault(remote, 0);
            if (open.size() >= MAX_CONNECTIONS || fromThere >= MAX_CONNECTIONS_PER_ADDRESS) {
                reject("crowded");
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            Conn conn = new Conn(channel, remote, System.nanoTime() + requestTime.toNanos());
            conn.key = channel.register(selector, SelectionKey.OP_READ, conn);
            perAddress.put(remote, fromThere + 1);
            open.add(conn);
        }
    }

    private void read(Conn conn) throws IOException {
        scratch.clear();
        int n = conn.channel.read(scratch);
        if (n < 0) {
            close(conn);
            return;
        }
        scratch.flip();
        if (conn.readingHead) {
            conn.appendHead(scratch);
            int end = indexOf(conn.headBytes, conn.headLength, HEAD_END);
            if (end < 0) {
                if (conn.headLength >= MAX_HEAD_BYTES) {
                    answer(conn, 431, "request headers too large", "too_large");
                }
                return;
            }
            Optional<Answer> bad = conn.parseHead(end);
            if (bad.isPresent()) {
                answer(conn, bad.get().status(), bad.get().text(), bad.get().reason());
                return;
            }
            if (buffered + conn.contentLength > MAX_BUFFERED_BYTES) {
                answer(conn, 503, "busy", "busy");
                return;
            }
            buffered += conn.contentLength;
            conn.body = new byte[conn.contentLength];
            int leftover = conn.headLength - (end + HEAD_END.length);
            System.arraycopy(conn.headBytes, end + HEAD_END.length, conn.body, 0, Math.min(leftover, conn.contentLength));
            conn.bodyRead = Math.min(leftover, conn.contentLength);
            conn.readingHead = false;
            conn.headBytes = null;
        } else {
            int take = Math.min(scratch.remaining(), conn.contentLength - conn.bodyRead);
            scratch.get(conn.body, conn.bodyRead, take);
            conn.bodyRead += take;
        }
        if (conn.bodyRead == conn.contentLength) {
            complete(conn);
        }
    }

    /** The whole request is here: refuse it or hand it to a worker, never both, never neither. */
    private void complete(Conn conn) {
        Optional<SlackSignature.Refusal> refusal = signature.check(conn.header("x-slack-request-timestamp"),
                conn.header("x-slack-signature"), conn.body);
        if (refusal.isPresent()) {
            answer(conn, 401, "invalid request", "signature." + refusal.get().name().toLowerCase(Locale.ROOT));
            return;
        }
        conn.key.interestOps(0);
        conn.deadline = System.nanoTime() + ANSWER_TIME.toNanos();
        conn.dispatched = true;
        try {
            workers.execute(() -> {
                Reply reply = handle(conn);
                toFront.add(() -> respond(conn, reply));
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            conn.dispatched = false;
            answer(conn, 503, "busy", "busy");
        }
    }

    private void answer(Conn conn, int status, String text, String reason) {
        reject(reason);
        respond(conn, Reply.text(status, text));
    }

    private void reject(String reason) {
        Counter.builder("rdpcheck.slack.http.rejected").tag("reason", reason)
                .description("HTTP-mode requests refused before any parsing: unsigned, stale, replayed, slow, too large")
                .register(meters).increment();
    }

    private void respond(Conn conn, Reply reply) {
        if (!conn.channel.isOpen()) {
            return;
        }
        conn.out = ByteBuffer.wrap(reply.bytes());
        conn.deadline = System.nanoTime() + ANSWER_TIME.toNanos();
        conn.key.interestOps(SelectionKey.OP_WRITE);
        try {
            write(conn);
        } catch (IOException e) {
            close(conn);
        }
    }

    private void write(Conn conn) throws IOException {
        if (conn.out == null) {
            return;
        }
        conn.channel.write(conn.out);
        if (!conn.out.hasRemaining()) {
            close(conn); // one request per connection: Slack opens a new one, and nothing lingers
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Conn conn : List.copyOf(open)) {
            if (now - conn.deadline > 0) {
                if (!conn.dispatched && conn.out == null) {
                    reject("slow");
                }
                close(conn);
            }
        }
    }

    private void close(Conn conn) {
        if (!open.remove(conn)) {
            return;
        }
        perAddress.computeIfPresent(conn.remote, (a, n) -> n <= 1 ? null : n - 1);
        if (conn.body != null) {
            buffered -= conn.contentLength;
            conn.body = null;
        }
        conn.key.cancel();
        try {
            conn.channel.close();
        } catch (IOException ignored) {
            // closing is all that is left to do with it
        }
    }

    // --- a worker: the signed request through Bolt ----------------------------------------------

    private Reply handle(Conn conn) {
        Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(conn.path)
                    .queryString(Map.of())
                    .headers(new RequestHeaders(conn.headers))
                    .requestBody(new String(conn.body, StandardCharsets.UTF_8))
                    .remoteAddress(conn.remote.getHostAddress())
                    .build());
        } catch (RuntimeException e) {
            reject("malformed");
            return Reply.text(400, "malformed request");
        }
        if (request == null) {
            reject("malformed");
            return Reply.text(400, "not a Slack request");
        }
        try {
            Response response = app.run(request);
            Map<String, List<String>> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
            return new Reply(response.getStatusCode(),
                    response.getContentType() == null ? "text/plain; charset=utf-8" : response.getContentType(),
                    headers, response.getBody() == null ? "" : response.getBody());
        } catch (Exception e) {
            LOG.warn("Slack HTTP request failed: {}", e.getClass().getSimpleName());
            LOG.debug("Slack HTTP request failed", e);
            return Reply.text(500, "internal error");
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            front.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        for (Conn conn : List.copyOf(open)) {
            close(conn);
        }
        try {
            listener.close();
            selector.close();
        } catch (IOException ignored) {
            // shutting down
        }
    }

    static int indexOf(byte[] bytes, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private record Answer(int status, String text, String reason) {
    }

    /** An HTTP response, written whole with {@code Connection: close}. */
    private record Reply(int status, String contentType, Map<String, List<String>> headers, String body) {

        static Reply text(int status, String text) {
            return new Reply(status, "text/plain; charset=utf-8", Map.of(), text);
        }

        byte[] bytes() {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
            head.append("Content-Type: ").append(headerSafe(contentType)).append("\r\n");
            headers.forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.equals("content-type") && !lower.equals("content-length") && !lower.equals("connection")) {
                    values.forEach(v -> head.append(headerSafe(name)).append(": ").append(headerSafe(v)).append("\r\n"));
                }
            });
            head.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
            byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[start.length + content.length];
            System.arraycopy(start, 0, all, 0, start.length);
            System.arraycopy(content, 0, all, start.length, content.length);
            return all;
        }

        private static String headerSafe(String value) {
            return value.replaceAll("[\\r\\n]", " ");
        }

        private static String reason(int status) {
            switch (status) {
                case 200: return "OK";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 411: return "Length Required";
                case 413: return "Payload Too Large";
                case 431: return "Request Header Fields Too Large";
                case 501: return "Not Implemented";
                case 503: return "Service Unavailable";
                default: return "Status";
            }
        }
    }

    /** One connection's state; touched only by the selector thread until it is dispatched. */
    private static final class Conn {
        final SocketChannel channel;
        final InetAddress remote;
        SelectionKey key;
        long deadline;
        byte[] headBytes = new byte[2048];
        int headLength;
        boolean readingHead = true;
        String path = "";
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        int contentLength;
        byte[] body;
        int bodyRead;
        boolean dispatched;
        ByteBuffer out;

        Conn(SocketChannel channel, InetAddress remote, long deadline) {
            this.channel = channel;
            this.remote = remote;
            this.deadline = deadline;
        }

        /**
         * Called only while fewer than MAX_HEAD_BYTES are held, with at most one scratch buffer of
         * bytes, so the head and the start of the body that came with it always fit.
         */
        void appendHead(ByteBuffer from) {
            int take = from.remaining();
            if (headLength + take > headBytes.length) {
                byte[] bigger = new byte[Math.max(headBytes.length * 2, headLength + take)];
                System.arraycopy(headBytes, 0, bigger, 0, headLength);
                headBytes = bigger;
            }
            from.get(headBytes, headLength, take);
            headLength += take;
        }

        /** The request line and headers up to {@code end}; an answer when the request cannot be served. */
        Optional<Answer> parseHead(int end) {
            String text = new String(headBytes, 0, end, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
                return Optional.of(new Answer(400, "not HTTP/1.x", "malformed"));
            }
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    return Optional.of(new Answer(400, "malformed header", "malformed"));
                }
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            String target = requestLine[1];
            int query = target.indexOf('?');
            path = query < 0 ? target : target.substring(0, query);
            if (!requestLine[0].equals("POST")) {
                return Optional.of(new Answer(405, "POST only", "method"));
            }
            if (!path.equals(SlackSettings.EVENTS_PATH)) {
                return Optional.of(new Answer(404, "not found", "path"));
            }
            if (header("transfer-encoding") != null) {
                return Optional.of(new Answer(501, "send a Content-Length", "malformed"));
            }
            String length = header("content-length");
            if (length == null) {
                return Optional.of(new Answer(411, "send a Content-Length", "malformed"));
            }
            long declared;
            try {
                declared = Long.parseLong(length);
            } catch (NumberFormatException e) {
                return Optional.of(new Answer(400, "bad Content-Length", "malformed"));
            }
            if (declared < 0) {
                return Optional.of(new Answer(400, "bad Content-Length", "malformed"));
            }
            if (declared > MAX_BODY_BYTES) {
                return Optional.of(new Answer(413, "request too large", "too_large"));
            }
            contentLength = (int) declared;
            return Optional.empty();
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }
}

package rdpcheck.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.tls.TlsServerProtocol;

import rdpcheck.probes.Route;
import rdpcheck.probes.Target;
import rdpcheck.probes.gateway.DtlsHandshake;
import rdpcheck.probes.gateway.DtlsHelloVerifyRequest;
import rdpcheck.probes.gateway.DtlsRecord;
import rdpcheck.probes.gateway.DtlsServerHello;
import rdpcheck.probes.gateway.HttpResponseHead;
import rdpcheck.probes.nla.NtlmChallengeMessage;
import rdpcheck.probes.nla.NtlmNegotiateMessage;
import rdpcheck.probes.nla.NtlmVersion;
import rdpcheck.probes.nla.TargetInfo;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.tls.TlsVersion;

/**
 * A simulated RD Gateway on loopback, built from MS-TSGU's connection setup (3.3.5.1) as far as a
 * client gets without credentials: HTTPS (or plain HTTP, as a gateway behind a reverse proxy binds,
 * MS-TSGU 2.1.2), {@code RDG_OUT_DATA /remoteDesktopGateway/} answered with 401 and its schemes, an
 * NTLM NEGOTIATE answered with a CHALLENGE naming GW01 in CORP, the WebSocket upgrade with extended
 * authentication answered with 101, {@code RPC_IN_DATA /rpc/rpcproxy.dll} with 401, and a DTLS
 * responder for the UDP transport. What each part does is its {@link Personality}.
 */
public final class LabGateway implements AutoCloseable {

    /** How the UDP transport answers a DTLS ClientHello. */
    public enum Udp {
        /** RFC 6347 4.2.1: a HelloVerifyRequest with a cookie, DTLS 1.0 (what Schannel sends first). */
        HELLO_VERIFY,
        /** A ServerHello, no cookie exchange. */
        SERVER_HELLO,
        /** A socket that reads and never answers: a firewall that drops, as the probe sees it. */
        SILENT,
        /** No socket: the kernel answers ICMP port unreachable. */
        CLOSED,
        /** Bytes that are not DTLS. */
        GARBAGE
    }

    /**
     * @param name         for threads and messages
     * @param certificate  the HTTPS certificate; empty for a plain-HTTP gateway behind a proxy
     * @param schemes      the WWW-Authenticate schemes, in order
     * @param httpTransport {@code RDG_OUT_DATA} answered (the HTTP transport, Windows Server 2012 and later)
     * @param websocket    the WebSocket upgrade answered with 101 (Windows Server 2016 and later)
     * @param rpc          the legacy RPC-over-HTTP endpoint answers
     * @param webServer    not a gateway at all: a web server (GET 200, other methods 501)
     * @param udp          the UDP transport
     */
    public record Personality(String name, Optional<LabCertificate> certificate, List<String> schemes, boolean httpTransport,
                              boolean websocket, boolean rpc, boolean webServer, Udp udp) {
        public Personality {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(certificate, "certificate");
            schemes = List.copyOf(schemes);
            Objects.requireNonNull(udp, "udp");
        }

        /** A Windows Server 2016+ gateway with a valid CA-issued certificate, Negotiate and NTLM, UDP on. */
        public static Personality healthy() {
            return new Personality("healthy", Optional.of(LabCerts.gatewayHealthy()), List.of("Negotiate", "NTLM"), true, true,
                    true, false, Udp.HELLO_VERIFY);
        }

        public Personality named(String value) {
            return new Personality(value, certificate, schemes, httpTransport, websocket, rpc, webServer, udp);
        }

        public Personality withCertificate(LabCertificate value) {
            return new Personality(name, Optional.of(value), schemes, httpTransport, websocket, rpc, webServer, udp);
        }

        /** Plain HTTP, for a reverse proxy in front that holds the certificate. */
        public Personality plainHttp() {
            return new Personality(name, Optional.empty(), schemes, httpTransport, websocket, rpc, webServer, udp);
        }

        public Personality withSchemes(String... values) {
            return new Personality(name, certificate, List.of(values), httpTransport, websocket, rpc, webServer, udp);
        }

        public Personality withoutWebSocket() {
            return new Personality(name, certificate, schemes, httpTransport, false, rpc, webServer, udp);
        }

        /** A Windows Server 2008 R2 gateway: RPC over HTTP only, no UDP. */
        public Personality legacyRpcOnly() {
            return new Personality(name, certificate, schemes, false, false, true, webServer, Udp.CLOSED);
        }

        /** Not a gateway: a web server on the gateway's name. */
        public Personality webServerOnly() {
            return new Personality(name, certificate, schemes, false, false, false, true, Udp.CLOSED);
        }

        public Personality withUdp(Udp value) {
            return new Personality(name, certificate, schemes, httpTransport, websocket, rpc, webServer, value);
        }
    }

    /**
     * The named personalities, in a fixed order: healthy; the certificate faults (expired,
     * self-signed, wrong name); the authentication schemes (NTLM only; Negotiate only, with NTLM
     * inside it); the transports (WebSocket refused, as before Windows Server 2016; legacy RPC over
     * HTTP only, as Windows Server 2008 R2); and not a gateway at all (a web server).
     */
    public static List<Personality> personalities() {
        Personality healthy = Personality.healthy();
        return List.of(healthy,
                healthy.named("expired").withCertificate(LabCerts.gatewayExpired()),
                healthy.named("self-signed").withCertificate(LabCerts.gatewaySelfSigned()),
                healthy.named("wrong-name").withCertificate(LabCerts.gatewayWrongName()),
                healthy.named("ntlm-only").withSchemes("NTLM"),
                healthy.named("negotiate-ntlm").withSchemes("Negotiate"),
                healthy.named("websocket-refused").withoutWebSocket(),
                healthy.named("legacy-rpc-only").legacyRpcOnly(),
                healthy.named("not-rdg").webServerOnly());
    }

    /** The server's HTTP.sys names itself so; a proxy in front replaces it with its own. */
    static final String SERVER = "Microsoft-HTTPAPI/2.0";
    /** Requests served on one keep-alive connection before the lab closes it. */
    static final int MAX_REQUESTS_PER_CONNECTION = 16;
    /** A request body the lab reads and discards; the probe sends none. */
    static final int MAX_BODY = 64 * 1024;
    static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Personality personality;
    private final LabHost https;
    private final Optional<DatagramSocket> udpSocket;
    private final int udpPort;
    private final Optional<Thread> udpThread;

    private LabGateway(Personality personality, LabHost https, Optional<DatagramSocket> udpSocket, int udpPort) {
        this.personality = personality;
        this.https = https;
        this.udpSocket = udpSocket;
        this.udpPort = udpPort;
        this.udpThread = udpSocket.map(socket -> {
            Thread thread = new Thread(() -> serveUdp(socket), "lab-gateway-" + personality.name() + "-udp");
            thread.setDaemon(true);
            thread.start();
            return thread;
        });
    }

    /** Starts the gateway on 127.0.0.1, both ports ephemeral. */
    public static LabGateway start(Personality personality) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Optional<DatagramSocket> udp = Optional.empty();
        int udpPort;
        if (personality.udp() == Udp.CLOSED) {
            try (DatagramSocket reserved = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
                udpPort = reserved.getLocalPort(); // free again once closed: nothing listens there
            }
        } else {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
            udp = Optional.of(socket);
            udpPort = socket.getLocalPort();
        }
        LabGateway[] self = new LabGateway[1];
        LabHost host;
        try {
            host = LabHost.start("gateway-" + personality.name(), socket -> self[0].serve(socket));
        } catch (IOException e) {
            udp.ifPresent(DatagramSocket::close);
            throw e;
        }
        self[0] = new LabGateway(personality, host, udp, udpPort);
        return self[0];
    }

    public Personality personality() {
        return personality;
    }

    public int port() {
        return https.port();
    }

    public int udpPort() {
        return udpPort;
    }

    /** TCP connections the gateway accepted (on its HTTPS port). */
    public int connectionsAccepted() {
        return https.connectionsAccepted();
    }

    /** {@code gw.rdpcheck.test:PORT gateway}: the gateway checked itself, by the name its certificate carries. */
    public Target target() {
        return new Target(LabCerts.GATEWAY_NAME, port(), LabCerts.GATEWAY_NAME + ":" + port() + " gateway", Route.GATEWAY);
    }

    /** {@code host} reached through this gateway. */
    public Target via(Target host) {
        return host.withRoute(new Route.Via(LabCerts.GATEWAY_NAME, port()), host.key() + " via " + LabCerts.GATEWAY_NAME
                + ":" + port());
    }

    private void serve(Socket socket) throws IOException {
        if (personality.certificate().isEmpty()) {
            converse(socket.getInputStream(), socket.getOutputStream());
            return;
        }
        TlsServerProtocol protocol = new TlsServerProtocol(socket.getInputStream(), socket.getOutputStream());
        try {
            protocol.accept(new LabTlsServer(personality.certificate().get(), EnumSet.allOf(TlsVersion.class)));
            converse(protocol.getInputStream(), protocol.getOutputStream());
        } finally {
            try {
                protocol.close();
            } catch (IOException e) {
                // the client may be gone already
            }
        }
    }

    /** HTTP/1.1 with keep-alive: request after request until the client leaves or switches to WebSocket. */
    private void converse(InputStream in, OutputStream out) throws IOException {
        for (int served = 0; served < MAX_REQUESTS_PER_CONNECTION; served++) {
            Optional<Request> request = Request.read(in);
            if (request.isEmpty()) {
                return;
            }
            Response response = answer(request.get());
            out.write(response.encode());
            out.flush();
            if (response.status() == 101 || !response.keepAlive()) {
                AfterTls.DRAIN.proceed(in, out, null, 0); // the client closes what it does not use
                return;
            }
        }
    }

    Response answer(Request request) {
        if (personality.webServer()) {
            return request.method().equals("GET") || request.method().equals("HEAD")
                    ? new Response(200, "OK", Map.of("Server", "Apache", "Content-Type", "text/html"), "<html>It works</html>")
                    : new Response(501, "Not Implemented", Map.of("Server", "Apache", "Allow", "GET, HEAD, POST"), "");
        }
        String path = request.target().toLowerCase(Locale.ROOT);
        if (path.startsWith("/remotedesktopgateway/")) {
            if (request.upgradesToWebSocket() && personality.websocket()) {
                // extended authentication: the client authenticates inside the tunnel, so the upgrade comes first
                if (request.header("RDG-Auth-Scheme").isPresent()) {
                    return new Response(101, "Switching Protocols", Map.of("Upgrade", "websocket", "Connection", "Upgrade",
                            "Sec-WebSocket-Accept", accept(request.header("Sec-WebSocket-Key").orElse(""))), "");
                }
            }
            if (!personality.httpTransport() && !(request.upgradesToWebSocket() && personality.websocket())) {
                return notFound();
            }
            return unauthorized(request);
        }
        if (path.startsWith("/rpc/rpcproxy.dll") && personality.rpc()) {
            return unauthorized(request);
        }
        return notFound();
    }

    private Response unauthorized(Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Server", SERVER);
        headers.put("Content-Type", "text/html");
        Optional<String> authorization = request.header("Authorization");
        List<String> challenges = new ArrayList<>(personality.schemes());
        if (authorization.isPresent()) {
            String[] parts = authorization.get().split(" ", 2);
            Optional<String> scheme = personality.schemes().stream().filter(s -> s.equalsIgnoreCase(parts[0])).findFirst();
            if (scheme.isPresent() && parts.length == 2 && (scheme.get().equalsIgnoreCase("NTLM")
                    || scheme.get().equalsIgnoreCase("Negotiate"))) {
                challenges = challenge(scheme.get(), parts[1]).map(List::of).orElse(challenges);
            }
        }
        return new Response(401, "Unauthorized", headers, challenges, "");
    }

    /** The CHALLENGE GW01 in CORP sends back for an NTLM NEGOTIATE, in the scheme it came in. */
    private static Optional<String> challenge(String scheme, String token) {
        try {
            NtlmNegotiateMessage.decode(Base64.getDecoder().decode(token.strip()));
        } catch (IllegalArgumentException | MalformedPduException e) {
            return Optional.empty();
        }
        NtlmChallengeMessage challenge = new NtlmChallengeMessage(Optional.of("CORP"), CredSspServerStage.SERVER_FLAGS,
                TargetInfo.of("CORP", "GW01", "corp.example.com", "gw01.corp.example.com", "corp.example.com", Instant.now()),
                Optional.of(new NtlmVersion(10, 0, 20348, 15)), List.of());
        byte[] serverChallenge = new byte[8];
        RANDOM.nextBytes(serverChallenge);
        return Optional.of(scheme + " " + Base64.getEncoder().encodeToString(challenge.encode(serverChallenge)));
    }

    private static Response notFound() {
        return new Response(404, "Not Found", Map.of("Server", SERVER, "Content-Type", "text/html"), "");
    }

    static String accept(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serveUdp(DatagramSocket socket) {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] datagram = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                Optional<byte[]> answer = udpAnswer(datagram);
                if (answer.isPresent()) {
                    socket.send(new DatagramPacket(answer.get(), answer.get().length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    Optional<byte[]> udpAnswer(byte[] datagram) {
        if (personality.udp() == Udp.SILENT) {
            return Optional.empty();
        }
        if (personality.udp() == Udp.GARBAGE) {
            return Optional.of("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        try {
            DtlsRecord record = DtlsRecord.decodeAll(datagram).get(0);
            DtlsHandshake hello = DtlsHandshake.decode(record.fragment());
            if (hello.type() != DtlsHandshake.CLIENT_HELLO) {
                return Optional.empty();
            }
        } catch (MalformedPduException e) {
            return Optional.empty(); // a DTLS server drops what it cannot read
        }
        DtlsHandshake answer;
        if (personality.udp() == Udp.SERVER_HELLO) {
            answer = new DtlsHandshake(DtlsHandshake.SERVER_HELLO, 0, DtlsServerHello.encode(DtlsRecord.DTLS_1_2, 0xC02F));
        } else {
            byte[] cookie = new byte[20];
            RANDOM.nextBytes(cookie);
            answer = new DtlsHandshake(DtlsHandshake.HELLO_VERIFY_REQUEST, 0,
                    DtlsHelloVerifyRequest.encode(DtlsRecord.DTLS_1_0, cookie));
        }
        return Optional.of(new DtlsRecord(DtlsRecord.HANDSHAKE, DtlsRecord.DTLS_1_0, 0, 0, answer.encode()).encode());
    }

    @Override
    public void close() {
        https.close();
        udpSocket.ifPresent(DatagramSocket::close);
        udpThread.ifPresent(Thread::interrupt);
    }

    @Override
    public String toString() {
        return "gateway " + personality.name() + "@" + port() + "/udp " + udpPort;
    }

    /** One HTTP request as the lab reads it: request line, header fields; the body (if any) skipped. */
    record Request(String method, String target, Map<String, String> headers) {

        static Optional<Request> read(InputStream in) throws IOException {
            byte[] raw;
            try {
                raw = HttpResponseHead.read(in, HttpResponseHead.MAX_HEAD_BYTES);
            } catch (java.io.EOFException e) {
                return Optional.empty();
            } catch (MalformedPduException e) {
                return Optional.empty();
            }
            String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r?\n");
            String[] first = lines[0].split(" ");
            if (first.length < 3) {
                return Optional.empty();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
                }
            }
            long length = 0;
            try {
                length = Long.parseLong(headers.getOrDefault("content-length", "0"));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (length > MAX_BODY) {
                return Optional.empty();
            }
            in.readNBytes((int) length);
            return Optional.of(new Request(first[0], first[1], headers));
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        boolean upgradesToWebSocket() {
            return header("upgrade").map(u -> u.equalsIgnoreCase("websocket")).orElse(false)
                    && header("connection").map(c -> c.toLowerCase(Locale.ROOT).contains("upgrade")).orElse(false)
                    && header("sec-websocket-key").isPresent();
        }
    }

    /** One response: status, header fields, WWW-Authenticate challenges (one field each), a body. */
    record Response(int status, String reason, Map<String, String> headers, List<String> challenges, String body) {

        Response(int status, String reason, Map<String, String> headers, String body) {
            this(status, reason, headers, List.of(), body);
        }

        boolean keepAlive() {
            return status != 501;
        }

        byte[] encode() {
            StringBuilder text = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
            headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
            challenges.forEach(c -> text.append("WWW-Authenticate: ").append(c).append("\r\n"));
            if (status != 101) {
                text.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
                if (!keepAlive()) {
                    text.append("Connection: close\r\n");
                }
            }
            return text.append("\r\n").append(body).toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}

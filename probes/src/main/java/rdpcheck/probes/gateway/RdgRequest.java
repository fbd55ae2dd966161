package rdpcheck.probes.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP/1.1 requests the gateway probe sends (RFC 9112 3), each with an empty body: the request
 * line and header fields, nothing a gateway could take for a credential. Header fields an RDG
 * client sends (MS-TSGU 4.2.1): {@code Accept: *}{@code /*}, no caching, {@code RDG-Connection-Id}
 * a fresh GUID in braces.
 */
record RdgRequest(String method, String target, Map<String, String> headers) {

    static final String RDG_RESOURCE = "/remoteDesktopGateway/";
    /** MS-TSGU 2.1.1: RPC over HTTP through the RPC proxy, to the gateway's RPC endpoint on port 3388. */
    static final String RPC_RESOURCE = "/rpc/rpcproxy.dll?localhost:3388";
    static final String RDG_OUT_DATA = "RDG_OUT_DATA";
    static final String RPC_IN_DATA = "RPC_IN_DATA";
    static final String USER_AGENT = "MS-RDGateway/1.0";
    /** RFC 6455 1.3: the GUID the server appends to the key before hashing it into Sec-WebSocket-Accept. */
    static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    static final int WEBSOCKET_VERSION = 13;
    static final int WEBSOCKET_KEY_BYTES = 16;

    RdgRequest {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** {@code RDG_OUT_DATA /remoteDesktopGateway/}, optionally with an {@code Authorization} value. */
    static RdgRequest outData(String host, java.util.Optional<String> authorization) {
        Map<String, String> headers = common(host);
        headers.put("Connection", "Keep-Alive");
        headers.put("RDG-Connection-Id", connectionId());
        authorization.ifPresent(a -> headers.put("Authorization", a));
        headers.put("Content-Length", "0");
        return new RdgRequest(RDG_OUT_DATA, RDG_RESOURCE, headers);
    }

    /** The WebSocket opening handshake for the gateway's resource, with authentication left to the tunnel. */
    static RdgRequest websocket(String host, String key) {
        Map<String, String> headers = common(host);
        headers.put("Connection", "Upgrade");
        headers.put("Upgrade", "websocket");
        headers.put("Sec-WebSocket-Version", String.valueOf(WEBSOCKET_VERSION));
        headers.put("Sec-WebSocket-Key", key);
        headers.put("RDG-Connection-Id", connectionId());
        headers.put("RDG-Auth-Scheme", "SSPI_NTLM");
        return new RdgRequest("GET", RDG_RESOURCE, headers);
    }

    /** The legacy transport's IN channel request, empty: a gateway answers it with 401 before any body. */
    static RdgRequest rpcInData(String host) {
        Map<String, String> headers = common(host);
        headers.put("Accept", "application/rpc");
        headers.put("User-Agent", "MSRPC");
        headers.put("Connection", "Keep-Alive");
        headers.put("Content-Length", "0");
        return new RdgRequest(RPC_IN_DATA, RPC_RESOURCE, headers);
    }

    private static Map<String, String> common(String host) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host);
        headers.put("Accept", "*/*");
        headers.put("Cache-Control", "no-cache");
        headers.put("Pragma", "no-cache");
        headers.put("User-Agent", USER_AGENT);
        return headers;
    }

    /** {@code {958F92D8-DA20-467A-BBE3-65E7E9B4EDCF}}: a new one per request. */
    static String connectionId() {
        return "{" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT) + "}";
    }

    /** 16 random bytes, base64 (RFC 6455 4.1). */
    static String websocketKey(SecureRandom random) {
        byte[] key = new byte[WEBSOCKET_KEY_BYTES];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** What the server must answer in Sec-WebSocket-Accept for {@code key} (RFC 6455 4.2.2). */
    static String websocketAccept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /** {@code RDG_OUT_DATA /remoteDesktopGateway/}: how findings name the request. */
    String line() {
        int query = target.indexOf('?');
        return method + " " + (query < 0 ? target : target.substring(0, query));
    }

    byte[] encode() {
        StringBuilder text = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append("\r\n"));
        return text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}

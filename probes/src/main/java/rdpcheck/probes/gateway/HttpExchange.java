package rdpcheck.probes.gateway;

import java.util.List;
import java.util.Optional;

/**
 * One request to the gateway on its own TLS connection, and the head of its answer.
 *
 * @param request  what was asked, e.g. {@code RDG_OUT_DATA /remoteDesktopGateway/}
 * @param kind     how it ended
 * @param status   the status code, when an HTTP answer came
 * @param reason   the reason phrase
 * @param server   the {@code Server} field: {@code Microsoft-HTTPAPI/2.0} is Windows' HTTP.sys, a proxy names itself
 * @param schemes  the {@code WWW-Authenticate} schemes, in order
 * @param detail   what was seen, in words (also for an answer that was not HTTP)
 * @param millis   from the request to the end of the head
 */
public record HttpExchange(String request, Kind kind, Optional<Integer> status, String reason, Optional<String> server,
                           List<String> schemes, String detail, double millis) {

    public enum Kind {
        /** An HTTP response head came back. */
        ANSWERED,
        /** Bytes came back that are not an HTTP response. */
        NOT_HTTP,
        /** The gateway closed or reset the connection without an answer. */
        CLOSED,
        /** No answer before the read timeout or the deadline. */
        TIMED_OUT,
        /** No TLS connection for this request (connect or handshake failed). */
        NOT_SENT
    }

    public HttpExchange {
        schemes = List.copyOf(schemes);
        reason = reason == null ? "" : reason;
        detail = detail == null ? "" : detail;
    }

    public boolean answered(int code) {
        return status.map(s -> s == code).orElse(false);
    }

    /** {@code RDG_OUT_DATA /remoteDesktopGateway/ -> 401 Unauthorized (Negotiate, NTLM; Server: Microsoft-HTTPAPI/2.0)}. */
    public String describe() {
        if (kind != Kind.ANSWERED) {
            return request + " -> " + detail;
        }
        String extras = (schemes.isEmpty() ? "" : String.join(", ", schemes))
                + server.map(s -> (schemes.isEmpty() ? "" : "; ") + "Server: " + s).orElse("");
        return request + " -> " + status.orElse(0) + (reason.isEmpty() ? "" : " " + reason)
                + (extras.isEmpty() ? "" : " (" + extras + ")") + (detail.isEmpty() ? "" : ": " + detail);
    }
}

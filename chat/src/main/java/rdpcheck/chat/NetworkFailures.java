package rdpcheck.chat;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.HttpRetryException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

/**
 * Names the network-level cause of an exception from any HTTP or WebSocket client (OkHttp, the
 * JDK, Java-WebSocket, nv-websocket-client): the cause chain is searched for the exception types
 * the JDK throws for each kind, and for the status line of a refused HTTP upgrade.
 */
public final class NetworkFailures {

    /** Java-WebSocket: "Invalid status code received: 503 Status line: HTTP/1.1 503 ..."; nv: "The status code of the opening handshake response is not 101 (503)". */
    private static final Pattern STATUS = Pattern.compile("(?:status code received: |not 101 \\(|response code for CONNECT: |HTTP/1\\.[01] )(\\d{3})");

    private NetworkFailures() {
    }

    /** The first cause in the chain that says what went wrong; empty when none does. */
    public static Optional<ConnectFailure> classify(Throwable thrown, String where) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 16; t = t.getCause(), depth++) {
            Optional<ConnectFailure> named = one(t, where);
            if (named.isPresent()) {
                return named;
            }
        }
        return Optional.empty();
    }

    /** As {@link #classify}, falling back to the innermost message. */
    public static ConnectFailure classifyOrOther(Throwable thrown, String where) {
        return classify(thrown, where).orElseGet(() -> ConnectFailure.of(ConnectFailure.Kind.OTHER,
                where + ": " + innermost(thrown)));
    }

    private static Optional<ConnectFailure> one(Throwable t, String where) {
        String message = String.valueOf(t.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (t instanceof UnknownHostException) {
            // the JDK's message is the name itself (sometimes followed by ": Name or service not known")
            return Optional.of(ConnectFailure.of(ConnectFailure.Kind.DNS, where + " (" + hostOf(message) + " does not resolve)"));
        }
        if (lower.contains("proxy") || lower.contains("response code for connect") || lower.contains(" 407")) {
            return Optional.of(ConnectFailure.of(ConnectFailure.Kind.PROXY, where + " (" + oneLine(message) + ")"));
        }
        if (t instanceof NoRouteToHostException || t instanceof PortUnreachableException
                || lower.contains("network is unreachable") || lower.contains("no route to host")) {
            return Optional.of(ConnectFailure.of(ConnectFailure.Kind.UNREACHABLE, where + " (" + oneLine(message) + ")"));
        }
        if (t instanceof ConnectException && !(t instanceof java.net.http.HttpConnectTimeoutException)) {
            if (lower.contains("timed out")) {
                return Optional.of(ConnectFailure.of(ConnectFailure.Kind.TIMEOUT, where + " (connect timed out)"));
            }
            return Optional.of(ConnectFailure.of(ConnectFailure.Kind.REFUSED, where + " (nothing listens there, or a firewall rejects it)"));
        }
        if (t instanceof SSLException || t instanceof java.security.cert.CertificateException) {
            return Optional.of(ConnectFailure.of(ConnectFailure.Kind.TLS, where + " (" + oneLine(message) + ")"));
        }
        if (t instanceof SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException
                || (t instanceof InterruptedIOException && lower.contains("timeout"))) {
            return Optional.of(ConnectFailure.of(ConnectFailure.Kind.TIMEOUT, where + " (no answer in time)"));
        }
        if (t instanceof HttpRetryException retry) {
            return Optional.of(status(retry.responseCode(), where, Optional.empty()));
        }
        Matcher status = STATUS.matcher(message);
        if (status.find()) {
            return Optional.of(status(Integer.parseInt(status.group(1)), where, Optional.empty()));
        }
        return Optional.empty();
    }

    /** An HTTP status that is not success, as a failure: 429 rate limited, 5xx server error, 401/403 refusal, 407 proxy. */
    public static ConnectFailure status(int code, String where, Optional<Duration> retryAfter) {
        ConnectFailure.Kind kind;
        if (code == 429) {
            kind = ConnectFailure.Kind.RATE_LIMITED;
        } else if (code >= 500) {
            kind = ConnectFailure.Kind.SERVER_ERROR;
        } else if (code == 407) {
            kind = ConnectFailure.Kind.PROXY;
        } else if (code == 401) {
            kind = ConnectFailure.Kind.AUTH_REFUSED;
        } else {
            kind = ConnectFailure.Kind.PROTOCOL;
        }
        return new ConnectFailure(kind, where + " (HTTP " + code + ")", retryAfter);
    }

    /** A Retry-After header value in seconds, bounded (a hostile value must not park us for a year). */
    public static Optional<Duration> retryAfter(String header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(seconds, 3600)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String innermost(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t.getCause() != null && depth < 16; depth++) {
            t = t.getCause();
        }
        // the message without the class name: this line reaches /health and the log, read by operators
        return t.getMessage() == null || t.getMessage().isBlank() ? "an unexpected error (the debug log has details)"
                : rdpcheck.probes.ProbeText.clean(oneLine(t.getMessage()));
    }

    /** "Unable to resolve host X ..." (the JDK with a hosts file, OkHttp) or "X: Name or service not known" (the JDK). */
    private static final Pattern UNRESOLVED = Pattern.compile("resolve host \"?([^\"\s:]+)");

    private static String hostOf(String message) {
        Matcher named = UNRESOLVED.matcher(message);
        if (named.find()) {
            return named.group(1);
        }
        int colon = message.indexOf(':');
        return oneLine(colon > 0 ? message.substring(0, colon) : message);
    }

    /** First line, at most 200 characters: a server's error page must not become a log flood. */
    static String oneLine(String message) {
        String line = message.lines().findFirst().orElse("").strip();
        // a library's text names its classes ("...: sun.security...SunCertPathBuilderException: ..."): out
        line = rdpcheck.probes.ProbeText.clean(line);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}

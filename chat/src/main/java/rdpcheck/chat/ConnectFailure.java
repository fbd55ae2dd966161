package rdpcheck.chat;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a chat platform could not be reached, in words an operator acts on: one line, no stack trace.
 *
 * @param kind       the family of the failure; decides whether trying again can help
 * @param detail     what was seen, e.g. {@code slack.com does not resolve}; never a token
 * @param retryAfter how long the platform asked us to wait (HTTP 429 Retry-After), when it said
 */
public record ConnectFailure(Kind kind, String detail, Optional<Duration> retryAfter) {

    /** The failure families {@code serve} tells apart. */
    public enum Kind {
        DNS("name does not resolve"),
        REFUSED("connection refused"),
        UNREACHABLE("network unreachable"),
        TIMEOUT("timed out"),
        TLS("TLS failed"),
        PROXY("proxy refused"),
        SERVER_ERROR("server error"),
        RATE_LIMITED("rate limited"),
        AUTH_REFUSED("token refused"),
        TOKEN_REVOKED("token revoked"),
        CLOSED("connection closed"),
        PROTOCOL("unexpected answer"),
        OTHER("failed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** A definite refusal of the credentials: trying again with the same token cannot help. */
        public boolean definite() {
            return this == AUTH_REFUSED || this == TOKEN_REVOKED;
        }
    }

    public ConnectFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(retryAfter, "retryAfter");
        // Library messages can quote the token (JDA: "Token may not contain blanks. Provided: ..."),
        // and this text reaches /health and the log.
        detail = rdpcheck.config.SecretShapes.mask(detail, rdpcheck.config.Secret.MASK);
    }

    public static ConnectFailure of(Kind kind, String detail) {
        return new ConnectFailure(kind, detail, Optional.empty());
    }

    /** {@code kind label: detail}, e.g. {@code name does not resolve: slack.com}. */
    public String describe() {
        return kind.label() + ": " + detail;
    }

    @Override
    public String toString() {
        return describe();
    }
}

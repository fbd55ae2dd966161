package rdpcheck.chat.slack;

import java.util.Optional;
import java.util.Set;

import com.slack.api.methods.SlackApiException;

import rdpcheck.chat.ConnectFailure;
import rdpcheck.chat.NetworkFailures;

/** Names why Slack could not be reached or refused us, for {@link rdpcheck.chat.Reconnector}. */
final class SlackFailures {

    /** Slack's error codes for a token it does not accept at all. */
    private static final Set<String> REFUSED = Set.of("invalid_auth", "not_authed", "invalid_token", "not_allowed_token_type");
    /** ... and for one that was valid once. */
    private static final Set<String> REVOKED = Set.of("token_revoked", "account_inactive", "token_expired", "app_uninstalled");

    private SlackFailures() {
    }

    /** A Web API method answered {@code ok:false}. */
    static final class Refusal extends Exception {
        final String method;
        final String error;
        final String setting;

        Refusal(String method, String error, String setting) {
            super(method + " answered " + error);
            this.method = method;
            this.error = error == null ? "unknown error" : error;
            this.setting = setting;
        }
    }

    /** One step of connecting failed: {@code step} names it for the log line. */
    static final class StepFailed extends Exception {
        final String step;

        StepFailed(String step, Throwable cause) {
            super(step + ": " + cause, cause);
            this.step = step;
        }
    }

    static ConnectFailure classify(Exception thrown) {
        String step = thrown instanceof StepFailed failed ? failed.step : "connecting";
        Throwable cause = thrown instanceof StepFailed ? thrown.getCause() : thrown;
        if (cause instanceof Refusal refusal) {
            return refusal(refusal);
        }
        if (cause instanceof SlackApiException api && api.getResponse() != null) {
            return NetworkFailures.status(api.getResponse().code(), step,
                    NetworkFailures.retryAfter(api.getResponse().header("Retry-After")));
        }
        return NetworkFailures.classifyOrOther(cause, step);
    }

    private static ConnectFailure refusal(Refusal refusal) {
        String where = refusal.setting + " (" + refusal.error + " from " + refusal.method + ")";
        if (REFUSED.contains(refusal.error)) {
            return ConnectFailure.of(ConnectFailure.Kind.AUTH_REFUSED, "Slack refused " + where);
        }
        if (REVOKED.contains(refusal.error)) {
            return ConnectFailure.of(ConnectFailure.Kind.TOKEN_REVOKED, "Slack no longer accepts " + where);
        }
        if ("ratelimited".equals(refusal.error)) {
            return new ConnectFailure(ConnectFailure.Kind.RATE_LIMITED, refusal.method, Optional.empty());
        }
        return ConnectFailure.of(ConnectFailure.Kind.PROTOCOL, refusal.method + " answered " + refusal.error);
    }
}

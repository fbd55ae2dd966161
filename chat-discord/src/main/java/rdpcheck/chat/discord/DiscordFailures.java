package rdpcheck.chat.discord;

import java.util.Optional;

import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.CloseCode;
import rdpcheck.chat.ConnectFailure;
import rdpcheck.chat.NetworkFailures;

/** Names why Discord could not be reached or refused us, for {@link rdpcheck.chat.Reconnector}. */
final class DiscordFailures {

    /** The gateway closed the connection before the session was ready. */
    static final class GatewayClosed extends Exception {
        final int code;

        GatewayClosed(int code) {
            super("gateway closed with " + code);
            this.code = code;
        }
    }

    /** The first gateway connection failed: the cause says how. */
    static final class GatewayFailed extends Exception {
        GatewayFailed(Throwable cause) {
            super("gateway: " + cause, cause);
        }
    }

    private DiscordFailures() {
    }

    static ConnectFailure classify(Exception thrown) {
        if (thrown instanceof InvalidTokenException) {
            return ConnectFailure.of(ConnectFailure.Kind.AUTH_REFUSED, "Discord refused discord.token (HTTP 401 on login)");
        }
        if (thrown instanceof GatewayClosed closed) {
            return closeCode(closed.code);
        }
        String where = thrown instanceof GatewayFailed ? "gateway WebSocket" : "login (REST users/@me)";
        Optional<ConnectFailure> network = NetworkFailures.classify(thrown, where);
        if (network.isPresent()) {
            return network.get();
        }
        if (thrown instanceof ErrorResponseException error && error.getResponse() != null && error.getResponse().code > 0) {
            return NetworkFailures.status(error.getResponse().code, where, Optional.empty());
        }
        return NetworkFailures.classifyOrOther(thrown, where);
    }

    /** A gateway close code as a failure: 4004 is a refused token; the others are retried. */
    static ConnectFailure closeCode(int code) {
        CloseCode known = CloseCode.from(code);
        String meaning = known == null ? "" : " " + known.getMeaning();
        if (code == CloseCode.AUTHENTICATION_FAILED.getCode()) {
            return ConnectFailure.of(ConnectFailure.Kind.AUTH_REFUSED, "Discord refused discord.token (gateway close 4004"
                    + meaning + ")");
        }
        return ConnectFailure.of(ConnectFailure.Kind.CLOSED, "gateway closed the connection (code " + code + meaning + ")");
    }
}

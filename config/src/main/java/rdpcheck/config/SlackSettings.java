package rdpcheck.config;

import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/** The Slack app: how events arrive, where the Web API is, and its secrets (masked when printed). */
public record SlackSettings(Mode mode, int httpPort, URI apiUrl, Optional<Secret> botToken, Optional<Secret> appToken,
                            Optional<Secret> signingSecret, InetAddress httpBind) {

    public enum Mode {
        /** Events over a WebSocket the bot opens: no public URL needed. */
        SOCKET,
        /** Events posted to an HTTP endpoint the bot serves. */
        HTTP
    }
}

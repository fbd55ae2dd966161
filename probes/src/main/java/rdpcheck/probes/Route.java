package rdpcheck.probes;

import java.util.Objects;

/**
 * How the user reaches the target, as they asked for the check: directly, the target being an RD
 * Gateway itself ({@code rdpcheck check gw.corp:443 --gateway}), or a host behind the RD Gateway
 * they name ({@code /rdpcheck rdp01 via gw.corp}). The route picks the probes; the target policy
 * judges every host it names.
 */
public sealed interface Route {

    /** The port an RD Gateway listens on unless told otherwise (MS-TSGU 2.1.2: HTTPS on 443). */
    int GATEWAY_PORT = 443;
    /** The RD Gateway's UDP transport (DTLS), port 3391 by default (MS-TSGU 1.3.3; configurable on the gateway). */
    int GATEWAY_UDP_PORT = 3391;

    /** The classic check: the host's RDP listener. */
    record Direct() implements Route {
    }

    /** The target is an RD Gateway: its TLS, certificate, HTTP transports and UDP, no RDP. */
    record AsGateway() implements Route {
    }

    /** The target is reached through the RD Gateway at {@code host:port}: both are checked. */
    record Via(String host, int port) implements Route {
        public Via {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        /** {@code gw.corp:443} or {@code [2001:db8::1]:443}. */
        public String key() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    Route DIRECT = new Direct();
    Route GATEWAY = new AsGateway();
}

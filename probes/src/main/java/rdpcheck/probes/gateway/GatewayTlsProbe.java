package rdpcheck.probes.gateway;

import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.Endpoint;
import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.Endpoints;
import rdpcheck.probes.net.TcpState;
import rdpcheck.probes.tls.RdpTls;
import rdpcheck.probes.tls.TlsHandshakeException;
import rdpcheck.probes.tls.TlsSession;
import rdpcheck.probes.tls.TlsVersion;

/**
 * Connects to the RD Gateway's HTTPS port and holds one TLS handshake offering TLS 1.0 to 1.3 (as
 * mstsc does), capturing the certificate chain without trusting it. The address comes from the
 * check's own lookup of the gateway's name, through the address gate ({@link ProbeContext#address}).
 */
final class GatewayTlsProbe implements Probe<GatewayTlsResult> {

    /** How {@link ProbeContext#address} words a refusal by the address gate. */
    static final String POLICY_REFUSAL = "the policy allows none of";

    private final Endpoint endpoint;

    GatewayTlsProbe(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public ProbeId<GatewayTlsResult> id() {
        return GatewayProbes.TLS;
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public GatewayTlsResult run(ProbeContext context) throws ProbeException, InterruptedException {
        String host = GatewayProbes.host(endpoint, context);
        int port = GatewayProbes.port(endpoint, context);
        String gateway = GatewayProbes.key(host, port);
        InetSocketAddress address;
        try {
            address = context.address(endpoint);
        } catch (ProbeSkipped e) {
            if (e.getMessage().startsWith(POLICY_REFUSAL)) {
                return new GatewayTlsResult(gateway, Optional.empty(), GatewayTlsResult.Outcome.NOT_REACHED,
                        TcpState.DENIED_BY_POLICY, Optional.empty(), Optional.empty(), List.of(), e.getMessage(), 0, 0);
            }
            if (!(endpoint instanceof Endpoint.OtherHost)) {
                throw e; // the target's own name did not resolve: the dns probe's finding says so
            }
            return new GatewayTlsResult(gateway, Optional.empty(), GatewayTlsResult.Outcome.NOT_REACHED, TcpState.ERROR,
                    Optional.empty(), Optional.empty(), List.of(), rdpcheck.probes.ProbeText.of(e), 0, 0);
        }
        Optional<String> literal = Optional.of(Endpoints.literal(address.getAddress()));
        Connection connection;
        try {
            connection = context.connect(address);
        } catch (Connection.ConnectFailure e) {
            return new GatewayTlsResult(gateway, literal, GatewayTlsResult.Outcome.NOT_REACHED, e.state(), Optional.empty(),
                    Optional.empty(), List.of(), rdpcheck.probes.ProbeText.of(e), 0, 0);
        }
        try (connection) {
            try (TlsSession tls = RdpTls.handshake(connection, EnumSet.allOf(TlsVersion.class), GatewayLink.serverName(host))) {
                return new GatewayTlsResult(gateway, literal, GatewayTlsResult.Outcome.HANDSHAKE, TcpState.CONNECTED,
                        Optional.of(tls.version().label()), Optional.of(tls.cipherSuiteName()), base64(tls.chain()), "",
                        connection.connectMillis(), tls.handshakeMillis());
            } catch (TlsHandshakeException e) {
                return new GatewayTlsResult(gateway, literal, GatewayTlsResult.Outcome.REFUSED, TcpState.CONNECTED,
                        Optional.empty(), Optional.empty(), base64(e.chainSeen()), e.failure().detail(),
                        connection.connectMillis(), e.failure().millis());
            }
        }
    }

    private static List<String> base64(List<byte[]> chain) {
        return chain.stream().map(Base64.getEncoder()::encodeToString).toList();
    }
}

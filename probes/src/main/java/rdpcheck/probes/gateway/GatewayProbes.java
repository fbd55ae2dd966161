package rdpcheck.probes.gateway;

import java.util.List;

import rdpcheck.probes.Endpoint;
import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.Route;
import rdpcheck.probes.Target;
import rdpcheck.probes.Transport;
import rdpcheck.probes.net.DnsProbe;

/**
 * The RD Gateway probes of a check whose route has a gateway: its TLS and certificate, its HTTP
 * transports and its UDP transport. Each declares where it talks to: the target's own ports when
 * the target is the gateway, the gateway named after "via" otherwise (its own lookup, through the
 * address gate like every address of the check).
 */
public final class GatewayProbes {

    /** The gateway's HTTPS port: connect and one TLS handshake. Needs only dns: see {@link #of}. */
    public static final ProbeId<GatewayTlsResult> TLS = ProbeId.of("gateway-tls", GatewayTlsResult.class, DnsProbe.ID);
    /** The gateway's certificate, judged against its name. */
    public static final ProbeId<GatewayCertificate> CERTIFICATE = ProbeId.of("gateway-certificate",
            GatewayCertificate.class, TLS);
    /** The gateway's HTTP transports before any credential. */
    public static final ProbeId<GatewayHttpResult> HTTP = ProbeId.of("gateway-http", GatewayHttpResult.class, TLS);
    /** The gateway's UDP transport (DTLS). */
    public static final ProbeId<GatewayUdpResult> UDP = ProbeId.of("gateway-udp", GatewayUdpResult.class, DnsProbe.ID);

    private GatewayProbes() {
    }

    /**
     * The gateway probes for {@code target}'s route (none for a direct check), UDP on {@code udpPort}.
     * They need only the dns probe: the gateway is another host (its own lookup) or the target on
     * another port, and a host that does not take RDP connections from here says nothing about its gateway.
     */
    public static List<Probe<?>> of(Target target, int udpPort) {
        Endpoint https;
        Endpoint udp;
        if (target.route() instanceof Route.AsGateway) {
            https = new Endpoint.FixedPort(target.port(), Transport.TCP);
            udp = new Endpoint.FixedPort(udpPort, Transport.UDP);
        } else if (target.route() instanceof Route.Via via) {
            https = new Endpoint.OtherHost(via.host(), via.port(), Transport.TCP);
            udp = new Endpoint.OtherHost(via.host(), udpPort, Transport.UDP);
        } else {
            return List.of();
        }
        return List.of(new GatewayTlsProbe(https), new GatewayCertificateProbe(), new GatewayHttpProbe(https),
                new GatewayUdpProbe(udp));
    }

    /** The result types of the gateway probes, for reading a report back. */
    public static List<Probe<?>> all() {
        return of(new Target("gateway.invalid", Route.GATEWAY_PORT, "gateway.invalid", Route.GATEWAY), Route.GATEWAY_UDP_PORT);
    }

    static String host(Endpoint endpoint, ProbeContext context) {
        return endpoint instanceof Endpoint.OtherHost other ? other.host() : context.target().host();
    }

    static int port(Endpoint endpoint, ProbeContext context) {
        if (endpoint instanceof Endpoint.OtherHost other) {
            return other.port();
        }
        return endpoint instanceof Endpoint.FixedPort fixed ? fixed.port() : context.target().port();
    }

    /** {@code gw.corp:443}, IPv6 literals in brackets. */
    static String key(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}

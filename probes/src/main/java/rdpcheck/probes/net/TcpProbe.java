package rdpcheck.probes.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeSkipped;

/**
 * Connects to every address DNS returned that the address gate allows. The first connect tells
 * the state; further samples on a connected address give round-trip time and jitter.
 */
public final class TcpProbe implements Probe<TcpResult> {

    @Override
    public ProbeId id() {
        return ProbeId.TCP;
    }

    @Override
    public Class<TcpResult> resultType() {
        return TcpResult.class;
    }

    @Override
    public TcpResult run(ProbeContext context) throws ProbeSkipped {
        DnsResult dns = context.result(DnsResult.class)
                .filter(DnsResult::resolved)
                .orElseThrow(() -> new ProbeSkipped("the name did not resolve"));
        int port = context.target().port();
        List<TcpResult.AddressAttempt> attempts = new ArrayList<>();
        for (InetAddress address : dns.inetAddresses()) {
            String literal = Endpoints.literal(address);
            Optional<String> refusal = context.options().gate().refusal(address, port);
            if (refusal.isPresent()) {
                attempts.add(new TcpResult.AddressAttempt(literal, TcpState.DENIED_BY_POLICY, List.of(), refusal.get()));
                continue;
            }
            attempts.add(sample(context, new InetSocketAddress(address, port), literal));
        }
        return new TcpResult(attempts);
    }

    private static TcpResult.AddressAttempt sample(ProbeContext context, InetSocketAddress remote, String literal) {
        List<Double> times = new ArrayList<>();
        TcpState state = TcpState.CONNECTED;
        String detail = "";
        for (int i = 0; i < context.options().tcpSamples() && !context.deadline().expired(); i++) {
            try (Connection connection = Connection.open(remote, context.options(), context.deadline())) {
                times.add(connection.connectMillis());
            } catch (Connection.ConnectFailure e) {
                if (i == 0) {
                    state = e.state();
                    detail = e.getMessage();
                }
                break;
            } catch (rdpcheck.probes.ProbeException e) {
                if (i == 0) {
                    state = TcpState.ERROR;
                    detail = e.getMessage();
                }
                break;
            }
        }
        if (times.isEmpty() && state == TcpState.CONNECTED) {
            state = TcpState.TIMED_OUT;
            detail = "no time left to connect";
        }
        return new TcpResult.AddressAttempt(literal, state, times, detail);
    }
}

package rdpcheck.probes.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

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
    public TcpResult run(ProbeContext context) throws ProbeSkipped, InterruptedException {
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

    /**
     * All samples connect at once: each costs one round trip whether or not the others run, so the
     * probe takes one RTT instead of one per sample (at 50 ms RTT, 3 samples in a row cost 100 ms
     * more; measured in bench/RESULTS.md). The first sample still tells the state.
     */
    private static TcpResult.AddressAttempt sample(ProbeContext context, InetSocketAddress remote, String literal)
            throws InterruptedException {
        List<Callable<Object>> legs = new ArrayList<>();
        for (int i = 0; i < context.options().tcpSamples(); i++) {
            legs.add(() -> {
                try (Connection connection = Connection.open(remote, context.options(), context.deadline())) {
                    return connection.connectMillis();
                } catch (rdpcheck.probes.ProbeException e) {
                    return e;
                }
            });
        }
        List<Object> samples = Legs.runAll(legs, context.deadline(), failure -> failure);
        Object first = samples.get(0);
        if (first instanceof Connection.ConnectFailure failure) {
            return new TcpResult.AddressAttempt(literal, failure.state(), List.of(), failure.getMessage());
        }
        if (first instanceof rdpcheck.probes.ProbeException failure) {
            return new TcpResult.AddressAttempt(literal, TcpState.ERROR, List.of(), failure.getMessage());
        }
        if (!(first instanceof Double)) {
            return new TcpResult.AddressAttempt(literal, TcpState.TIMED_OUT, List.of(), "no time left to connect");
        }
        List<Double> times = new ArrayList<>();
        for (Object sample : samples) {
            if (sample instanceof Double millis) {
                times.add(millis);
            }
        }
        return new TcpResult.AddressAttempt(literal, TcpState.CONNECTED, times, "");
    }
}

package rdpcheck.probes.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeSkipped;

/**
 * Connects to every address DNS returned that the address gate allows. The first connect tells
 * the state; further samples on a connected address give round-trip time and jitter.
 */
public final class TcpProbe implements Probe<TcpResult> {

    public static final ProbeId<TcpResult> ID = ProbeId.of("tcp", TcpResult.class, DnsProbe.ID);

    @Override
    public ProbeId<TcpResult> id() {
        return ID;
    }

    /**
     * Addresses are tried side by side: a stale AAAA record or a dead node behind round-robin DNS
     * costs a whole connect timeout, and in a row two of them would eat most of the deadline.
     */
    @Override
    public TcpResult run(ProbeContext context) throws ProbeSkipped, InterruptedException {
        DnsResult dns = context.result(DnsProbe.ID)
                .filter(DnsResult::resolved)
                .orElseThrow(() -> new ProbeSkipped("the name did not resolve"));
        int port = context.target().port();
        List<Callable<TcpResult.AddressAttempt>> legs = new ArrayList<>();
        int cap = context.options().gate().maxAddressesPerName();
        int allowed = 0;
        for (InetAddress address : dns.inetAddresses()) {
            String literal = Endpoints.literal(address);
            Optional<String> refusal = context.options().gate().refusal(address, port);
            if (refusal.isEmpty() && ++allowed > cap) {
                refusal = Optional.of(overCap(cap, dns.addresses().size()));
            }
            if (refusal.isPresent()) {
                TcpResult.AddressAttempt denied = new TcpResult.AddressAttempt(literal, TcpState.DENIED_BY_POLICY,
                        List.of(), refusal.get());
                legs.add(() -> denied);
            } else {
                legs.add(() -> sample(context, new InetSocketAddress(address, port), literal));
            }
        }
        List<TcpResult.AddressAttempt> attempts = Legs.runAll(legs, context.deadline(), failure -> null);
        List<TcpResult.AddressAttempt> complete = new ArrayList<>(attempts.size());
        for (int i = 0; i < attempts.size(); i++) {
            TcpResult.AddressAttempt attempt = attempts.get(i);
            complete.add(attempt != null ? attempt : new TcpResult.AddressAttempt(
                    Endpoints.literal(dns.inetAddresses().get(i)), TcpState.TIMED_OUT, List.of(), "no answer before the deadline"));
        }
        return new TcpResult(complete);
    }

    private static String overCap(int cap, int resolved) {
        return TcpResult.NOT_CHECKED + "the name has " + resolved + " addresses and rdpcheck checks at most " + cap
                + " of one name (policy.max_addresses_per_name, limits.max_hosts_per_command)";
    }

    /** One connect of one sample: how long it took, or why it failed. */
    private sealed interface Sample {
        record Connected(double millis) implements Sample {
        }

        record Failed(TcpState state, String detail) implements Sample {
        }
    }

    /**
     * The first connect tells the state; only an address that accepted it gets the further samples,
     * side by side under the host's schedule (each costs one round trip whether or not the others
     * run). A black-holed address costs one connect timeout, and no more connections.
     */
    private static TcpResult.AddressAttempt sample(ProbeContext context, InetSocketAddress remote, String literal)
            throws InterruptedException {
        Sample first = connectOnce(context, remote);
        if (first instanceof Sample.Failed failed) {
            return new TcpResult.AddressAttempt(literal, failed.state(), List.of(), failed.detail());
        }
        List<Callable<Sample>> legs = new ArrayList<>();
        for (int i = 1; i < context.options().tcpSamples(); i++) {
            legs.add(() -> connectOnce(context, remote));
        }
        List<Sample> samples = new ArrayList<>(List.of(first));
        samples.addAll(Legs.runAll(legs, context.deadline(),
                failure -> new Sample.Failed(TcpState.TIMED_OUT, "no time left to connect")));
        List<Double> times = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample instanceof Sample.Connected connected) {
                times.add(connected.millis());
            }
        }
        return new TcpResult.AddressAttempt(literal, TcpState.CONNECTED, times, "");
    }

    private static Sample connectOnce(ProbeContext context, InetSocketAddress remote) {
        try (Connection connection = context.connect(remote)) {
            return new Sample.Connected(connection.connectMillis());
        } catch (Connection.ConnectFailure e) {
            return new Sample.Failed(e.state(), rdpcheck.probes.ProbeText.of(e));
        } catch (ProbeException e) {
            return new Sample.Failed(TcpState.ERROR, rdpcheck.probes.ProbeText.of(e));
        }
    }
}

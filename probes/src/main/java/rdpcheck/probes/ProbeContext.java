package rdpcheck.probes;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.net.DnsResult;
import rdpcheck.probes.net.TcpProbe;
import rdpcheck.probes.net.TcpResult;

/**
 * What one probe run may use: the target, the options, the findings of the probes it needs, its
 * deadline (the earlier of its own limit and the check's) and the signals the check's probes share.
 */
public record ProbeContext(Target target, ProbeOptions options, Findings findings, Deadline deadline,
                           ServerSignals signals) {

    public ProbeContext(Target target, ProbeOptions options, Findings findings, Deadline deadline) {
        this(target, options, findings, deadline, new ServerSignals(options.maxConnectionsPerHost(), false));
    }

    public ProbeContext {
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** What the probe {@code id} saw, if it completed: one of this probe's needs, usually. */
    public <R> Optional<R> result(ProbeId<R> id) {
        return findings.result(id);
    }

    /**
     * The address later probes talk to: the first one the tcp probe connected to. It was allowed
     * by the address gate before the tcp probe touched it.
     */
    public InetSocketAddress endpoint() throws ProbeSkipped {
        return result(TcpProbe.ID)
                .flatMap(TcpResult::firstConnected)
                .map(address -> new InetSocketAddress(address, target.port()))
                .orElseThrow(() -> new ProbeSkipped("no address accepted a TCP connection"));
    }

    /** Opens a bounded connection to {@link #endpoint()}; the caller closes it. */
    public Connection connect() throws ProbeException {
        return connect(endpoint());
    }

    /**
     * Opens a bounded connection to {@code remote} in its turn: every connection of a check to one
     * address goes through that address's {@link rdpcheck.probes.net.HostSchedule}.
     */
    public Connection connect(InetSocketAddress remote) throws ProbeException {
        return Connection.open(remote, options, deadline, signals.schedule(remote.getAddress()));
    }

    /**
     * The address {@code endpoint} stands for in this check, always one the address gate allows:
     * for the target's port over TCP, the address the tcp probe connected to ({@link #endpoint()});
     * for another port of the target or UDP, that same address when the gate allows it there (the
     * address whose service the other probes saw), else the first allowed address the target
     * resolved to (the name is not looked up again); for another host (a gateway), its own lookup,
     * bounded like the dns probe's, every address passing the gate.
     */
    public InetSocketAddress address(Endpoint endpoint) throws ProbeSkipped, InterruptedException {
        if (endpoint instanceof Endpoint.TargetPort port && port.transport() == Transport.TCP) {
            return endpoint();
        }
        if (endpoint instanceof Endpoint.OtherHost other) {
            Target host = new Target(other.host(), other.port(), other.host());
            DnsResult dns = new DnsProbe().run(new ProbeContext(host, options, Findings.empty(), deadline, signals));
            return allowed(dns, other.port(), other.host());
        }
        int port = endpoint instanceof Endpoint.FixedPort fixed ? fixed.port() : target.port();
        Optional<InetAddress> connected = result(TcpProbe.ID).flatMap(TcpResult::firstConnected);
        if (connected.isPresent() && options.gate().refusal(connected.get(), port).isEmpty()) {
            return new InetSocketAddress(connected.get(), port);
        }
        DnsResult dns = result(DnsProbe.ID)
                .orElseThrow(() -> new ProbeSkipped("the target's name was not resolved"));
        return allowed(dns, port, target.host());
    }

    private InetSocketAddress allowed(DnsResult dns, int port, String host) throws ProbeSkipped {
        Optional<String> firstRefusal = Optional.empty();
        for (InetAddress address : dns.inetAddresses()) {
            Optional<String> refusal = options.gate().refusal(address, port);
            if (refusal.isEmpty()) {
                return new InetSocketAddress(address, port);
            }
            firstRefusal = firstRefusal.or(() -> refusal);
        }
        if (firstRefusal.isPresent()) {
            throw new ProbeSkipped("the policy allows none of " + host + "'s addresses on port " + port + ": "
                    + firstRefusal.get());
        }
        throw new ProbeSkipped(host + " did not resolve" + (dns.detail().isEmpty() ? "" : " (" + dns.detail() + ")"));
    }
}

package rdpcheck.probes;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

import rdpcheck.probes.net.Connection;
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

    public <R> Optional<R> result(Class<R> type) {
        return findings.result(type);
    }

    /**
     * The address later probes talk to: the first one the tcp probe connected to. It was allowed
     * by the address gate before the tcp probe touched it.
     */
    public InetSocketAddress endpoint() throws ProbeSkipped {
        return result(TcpResult.class)
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
}

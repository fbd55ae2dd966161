package rdpcheck.probes;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a check runs: time limits, byte limits and the address gate. Built by the bot from the
 * configuration; {@link #defaults()} is what a terminal check uses with no configuration.
 *
 * @param deadline        the whole check, all probes included
 * @param connectTimeout  one TCP connect
 * @param readTimeout     the longest silence accepted while waiting for a reply
 * @param tcpSamples      TCP connects per address, for round-trip time and jitter
 * @param maxReplyBytes   the most bytes one probe connection reads before it gives up on the host
 * @param maxConnectionsPerHost the most connections a check holds open to one address at once
 *                        (see {@link rdpcheck.probes.net.HostSchedule}: fewer while the host struggles)
 * @param gate            which resolved addresses may be probed
 * @param clock           "now", for certificate validity and clock skew
 * @param exposure        which targets the configuration marks internet-facing
 */
public record ProbeOptions(
        Duration deadline,
        Duration connectTimeout,
        Duration readTimeout,
        int tcpSamples,
        int maxReplyBytes,
        int maxConnectionsPerHost,
        AddressGate gate,
        Clock clock,
        Exposure exposure) {

    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    /** More than this many at once is a burst no server needs to take from a diagnostic tool. */
    public static final int MAX_CONNECTIONS_PER_HOST_LIMIT = 16;

    public ProbeOptions {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(exposure, "exposure");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
        if (tcpSamples < 1 || tcpSamples > 20) {
            throw new IllegalArgumentException("tcpSamples must be 1..20");
        }
        if (maxReplyBytes < 1024) {
            throw new IllegalArgumentException("maxReplyBytes must be at least 1024");
        }
        if (maxConnectionsPerHost < 1 || maxConnectionsPerHost > MAX_CONNECTIONS_PER_HOST_LIMIT) {
            throw new IllegalArgumentException("maxConnectionsPerHost must be 1.." + MAX_CONNECTIONS_PER_HOST_LIMIT);
        }
    }

    /** The same with nothing marked internet-facing. */
    public ProbeOptions(Duration deadline, Duration connectTimeout, Duration readTimeout, int tcpSamples,
                        int maxReplyBytes, int maxConnectionsPerHost, AddressGate gate, Clock clock) {
        this(deadline, connectTimeout, readTimeout, tcpSamples, maxReplyBytes, maxConnectionsPerHost, gate, clock,
                Exposure.NONE);
    }

    /** The same with the default bound on connections per host. */
    public ProbeOptions(Duration deadline, Duration connectTimeout, Duration readTimeout, int tcpSamples,
                        int maxReplyBytes, AddressGate gate, Clock clock) {
        this(deadline, connectTimeout, readTimeout, tcpSamples, maxReplyBytes,
                rdpcheck.probes.net.HostSchedule.DEFAULT_MAX, gate, clock);
    }

    public static ProbeOptions defaults() {
        return new ProbeOptions(DEFAULT_DEADLINE, Duration.ofSeconds(3), Duration.ofSeconds(4), 3,
                256 * 1024, rdpcheck.probes.net.HostSchedule.DEFAULT_MAX, AddressGate.ALLOW_ALL, Clock.systemUTC());
    }

    public ProbeOptions withDeadline(Duration value) {
        return new ProbeOptions(value, connectTimeout, readTimeout, tcpSamples, maxReplyBytes, maxConnectionsPerHost, gate, clock, exposure);
    }

    public ProbeOptions withGate(AddressGate value) {
        return new ProbeOptions(deadline, connectTimeout, readTimeout, tcpSamples, maxReplyBytes, maxConnectionsPerHost, value, clock, exposure);
    }

    public ProbeOptions withClock(Clock value) {
        return new ProbeOptions(deadline, connectTimeout, readTimeout, tcpSamples, maxReplyBytes, maxConnectionsPerHost, gate, value, exposure);
    }

    public ProbeOptions withMaxConnectionsPerHost(int value) {
        return new ProbeOptions(deadline, connectTimeout, readTimeout, tcpSamples, maxReplyBytes, value, gate, clock, exposure);
    }

    public ProbeOptions withExposure(Exposure value) {
        return new ProbeOptions(deadline, connectTimeout, readTimeout, tcpSamples, maxReplyBytes, maxConnectionsPerHost, gate, clock, value);
    }

    public ProbeOptions withTimeouts(Duration connect, Duration read) {
        return new ProbeOptions(deadline, connect, read, tcpSamples, maxReplyBytes, maxConnectionsPerHost, gate, clock, exposure);
    }
}

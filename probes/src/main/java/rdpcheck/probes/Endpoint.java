package rdpcheck.probes;

import java.util.Objects;

/**
 * Where a probe talks to, as the probe declares it ({@link Probe#endpoint()}): the target's port
 * (TCP 3389 unless the user gave another), a fixed port of the target (RDP-UDP), or another host
 * in front of it (an RD Gateway on 443). {@link ProbeContext#address(Endpoint)} turns it into an
 * address the address gate allows.
 */
public sealed interface Endpoint {

    Transport transport();

    /** The target's host at the port the user gave. */
    record TargetPort(Transport transport) implements Endpoint {
        public TargetPort {
            Objects.requireNonNull(transport, "transport");
        }
    }

    /** The target's host at a port of the probe's choosing. */
    record FixedPort(int port, Transport transport) implements Endpoint {
        public FixedPort {
            Objects.requireNonNull(transport, "transport");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, not " + port);
            }
        }
    }

    /** Another host, e.g. the RD Gateway the target is reached through. */
    record OtherHost(String host, int port, Transport transport) implements Endpoint {
        public OtherHost {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(transport, "transport");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, not " + port);
            }
        }
    }

    /** What the classic probes talk to: the target's port over TCP. */
    static Endpoint target() {
        return new TargetPort(Transport.TCP);
    }
}

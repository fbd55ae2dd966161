package rdpcheck.probes.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/** The TCP connect to every address the target resolved to. */
public record TcpResult(List<AddressAttempt> attempts) {

    /** How the detail of an address left out by the cap on addresses per name begins. */
    public static final String NOT_CHECKED = "not checked: ";

    public TcpResult {
        attempts = List.copyOf(attempts);
    }

    /** Addresses connected to (or tried): what a check costs against the limits. */
    public int checked() {
        return (int) attempts.stream().filter(a -> a.state() != TcpState.DENIED_BY_POLICY).count();
    }

    /** Addresses left out because the name had more than the cap on addresses per name. */
    public int notChecked() {
        return (int) attempts.stream().filter(AddressAttempt::overCap).count();
    }

    /**
     * One address.
     *
     * @param address       literal
     * @param state         how the first connect ended
     * @param connectMillis the connect time of every successful sample
     * @param detail        the error, when not connected
     */
    public record AddressAttempt(String address, TcpState state, List<Double> connectMillis, String detail) {
        public AddressAttempt {
            connectMillis = List.copyOf(connectMillis);
            detail = detail == null ? "" : detail;
        }

        /** Left out by the cap on addresses per name, not by a rule about the address itself. */
        public boolean overCap() {
            return state == TcpState.DENIED_BY_POLICY && detail.startsWith(NOT_CHECKED);
        }

        /** Round-trip time: the median connect time (a connect costs one round trip). */
        public Optional<Double> rttMillis() {
            if (connectMillis.isEmpty()) {
                return Optional.empty();
            }
            double[] sorted = connectMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int mid = sorted.length / 2;
            return Optional.of(sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
        }

        /** Jitter: the spread between the slowest and fastest connect. */
        public Optional<Double> jitterMillis() {
            if (connectMillis.size() < 2) {
                return Optional.empty();
            }
            double min = connectMillis.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = connectMillis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            return Optional.of(max - min);
        }
    }

    public Optional<InetAddress> firstConnected() {
        return attempts.stream()
                .filter(a -> a.state() == TcpState.CONNECTED)
                .findFirst()
                .map(a -> toAddress(a.address()));
    }

    public Optional<AddressAttempt> firstConnectedAttempt() {
        return attempts.stream().filter(a -> a.state() == TcpState.CONNECTED).findFirst();
    }

    public boolean anyConnected() {
        return firstConnected().isPresent();
    }

    public boolean all(TcpState state) {
        return !attempts.isEmpty() && attempts.stream().allMatch(a -> a.state() == state);
    }

    private static InetAddress toAddress(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("stored address is not a literal: " + literal, e);
        }
    }
}

package rdpcheck.probes;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an address the target resolved to may be probed. The runner asks it for every
 * address DNS returned and the probes connect only to the addresses it allowed: the name is
 * never looked up a second time, so a DNS answer cannot change between the check and the use.
 */
@FunctionalInterface
public interface AddressGate {

    AddressGate ALLOW_ALL = (address, port) -> Optional.empty();

    /** Empty when {@code address:port} may be probed, else the reason it may not. */
    Optional<String> refusal(InetAddress address, int port);

    /**
     * The most addresses of one name a check connects to. A name is one DNS record away from
     * a whole subnet: without a cap, one request for a name with 254 A records connects to 254
     * hosts and reports which accept. Unlimited for local use; the chat policy sets a small one.
     */
    default int maxAddressesPerName() {
        return Integer.MAX_VALUE;
    }

    /**
     * The names to look up for {@code host}, in order, each exactly as given (no search domain
     * appended), the first that resolves being the one probed; empty to let the system resolver
     * resolve {@code host} as it would for any program (search domains included). A policy that
     * admits only some names gives the ones it admits: a short name then cannot slip past it by
     * resolving under a search domain it does not admit.
     */
    default List<String> namesToResolve(String host) {
        return List.of();
    }

    /** {@code gate} with at most {@code max} addresses of one name (the smaller of the two caps). */
    static AddressGate capped(AddressGate gate, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, not " + max);
        }
        if (max >= gate.maxAddressesPerName()) {
            return gate;
        }
        return new AddressGate() {
            @Override
            public Optional<String> refusal(InetAddress address, int port) {
                return gate.refusal(address, port);
            }

            @Override
            public int maxAddressesPerName() {
                return max;
            }

            @Override
            public List<String> namesToResolve(String host) {
                return gate.namesToResolve(host);
            }
        };
    }
}

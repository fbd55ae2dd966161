package rdpcheck.probes.diagnosis;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import rdpcheck.probes.net.DnsResult;
import rdpcheck.probes.net.DnsResult.DnsStatus;
import rdpcheck.probes.net.TcpResult;
import rdpcheck.probes.net.TcpResult.AddressAttempt;
import rdpcheck.probes.net.TcpState;

/** Rules on name resolution and the TCP connect: the first things that can stop a client. */
final class NetworkRules {

    /** Above this round-trip time an RDP session feels sluggish (typing echo lags visibly). */
    static final double HIGH_RTT_MILLIS = 150;

    private NetworkRules() {
    }

    static List<Rule> all() {
        return List.of(NetworkRules::dnsUnresolvable, NetworkRules::policyDenied, NetworkRules::tcpRefused,
                NetworkRules::tcpTimeout, NetworkRules::tcpSomeAddressesFailing, NetworkRules::latencyHigh);
    }

    static Optional<Match> dnsUnresolvable(Observations seen) {
        Optional<DnsResult> dns = seen.dns();
        if (dns.isEmpty() || dns.get().resolved()) {
            return Optional.empty();
        }
        DnsResult result = dns.get();
        String reason = switch (result.status()) {
            case NO_SUCH_NAME -> "the resolver says the name does not exist (no A or AAAA record)";
            case TIMED_OUT -> "the resolver did not answer in time";
            case TEMPORARY_FAILURE -> "the DNS server failed to answer (temporary failure / SERVFAIL)";
            default -> "the lookup returned no address";
        };
        return Optional.of(seen.match("dns.unresolvable")
                .fact("reason", reason)
                .fact("status", result.status())
                // the record's name inside its zone, as Get-DnsServerResourceRecord -Name wants it
                .fact("shortName", seen.target().host().split("\\.", 2)[0])
                .confidence(result.status() == DnsStatus.NO_SUCH_NAME ? Confidence.CERTAIN : Confidence.LIKELY)
                .evidence(String.format(Locale.ROOT, "dns: %s -> %s after %.0f ms%s", seen.target().host(),
                        result.status(), result.millis(), result.detail().isEmpty() ? "" : " (" + result.detail() + ")"))
                .build());
    }

    static Optional<Match> policyDenied(Observations seen) {
        return seen.tcp()
                .filter(tcp -> tcp.all(TcpState.DENIED_BY_POLICY))
                .map(tcp -> seen.match("policy.denied")
                        .fact("addresses", String.join(", ", tcp.attempts().stream().map(AddressAttempt::address).toList()))
                        .evidence(tcp.attempts().stream().map(NetworkRules::describe).toList())
                        .build());
    }

    static Optional<Match> tcpRefused(Observations seen) {
        return seen.tcp()
                .filter(tcp -> !tcp.anyConnected() && has(tcp, TcpState.REFUSED))
                .map(tcp -> seen.match("tcp.refused")
                        .fact("addresses", addresses(tcp, TcpState.REFUSED))
                        .evidence(tcp.attempts().stream().map(NetworkRules::describe).toList())
                        .build());
    }

    static Optional<Match> tcpTimeout(Observations seen) {
        return seen.tcp()
                .filter(tcp -> !tcp.anyConnected() && (has(tcp, TcpState.TIMED_OUT) || has(tcp, TcpState.UNREACHABLE)))
                .map(tcp -> seen.match("tcp.timeout")
                        .fact("addresses", addresses(tcp, TcpState.TIMED_OUT, TcpState.UNREACHABLE))
                        .fact("how", has(tcp, TcpState.UNREACHABLE) && !has(tcp, TcpState.TIMED_OUT)
                                ? "is unreachable (no route or ICMP unreachable)"
                                : "did not answer the TCP connect (SYN) at all")
                        .evidence(tcp.attempts().stream().map(NetworkRules::describe).toList())
                        .build());
    }

    /** Some addresses work, some do not: clients that try the failing one first wait or fail. */
    static Optional<Match> tcpSomeAddressesFailing(Observations seen) {
        return seen.tcp()
                .filter(tcp -> tcp.anyConnected() && tcp.attempts().stream().anyMatch(NetworkRules::failed))
                .map(tcp -> seen.match("tcp.some-addresses-failing")
                        .fact("failing", String.join(", ", tcp.attempts().stream().filter(NetworkRules::failed)
                                .map(AddressAttempt::address).toList()))
                        .fact("working", addresses(tcp, TcpState.CONNECTED))
                        .fact("shortName", seen.target().host().split("\\.", 2)[0])
                        .evidence(tcp.attempts().stream().map(NetworkRules::describe).toList())
                        .build());
    }

    static Optional<Match> latencyHigh(Observations seen) {
        Optional<AddressAttempt> connected = seen.tcp().flatMap(TcpResult::firstConnectedAttempt);
        if (connected.isEmpty() || connected.get().rttMillis().isEmpty()) {
            return Optional.empty();
        }
        double rtt = connected.get().rttMillis().get();
        if (rtt < HIGH_RTT_MILLIS) {
            return Optional.empty();
        }
        String jitter = connected.get().jitterMillis().map(j -> String.format(Locale.ROOT, "%.0f", j)).orElse("unknown");
        return Optional.of(seen.match("latency.high")
                .fact("rtt", String.format(Locale.ROOT, "%.0f", rtt))
                .fact("jitter", jitter)
                .fact("threshold", String.format(Locale.ROOT, "%.0f", HIGH_RTT_MILLIS))
                .evidence(describe(connected.get()))
                .build());
    }

    private static boolean failed(AddressAttempt attempt) {
        return attempt.state() != TcpState.CONNECTED && attempt.state() != TcpState.DENIED_BY_POLICY;
    }

    private static boolean has(TcpResult tcp, TcpState state) {
        return tcp.attempts().stream().anyMatch(a -> a.state() == state);
    }

    private static String addresses(TcpResult tcp, TcpState... states) {
        List<TcpState> wanted = List.of(states);
        return String.join(", ", tcp.attempts().stream().filter(a -> wanted.contains(a.state()))
                .map(AddressAttempt::address).toList());
    }

    static String describe(AddressAttempt attempt) {
        StringBuilder line = new StringBuilder("tcp ").append(attempt.address()).append(": ").append(attempt.state());
        attempt.rttMillis().ifPresent(rtt -> line.append(String.format(Locale.ROOT, ", rtt %.1f ms", rtt)));
        attempt.jitterMillis().ifPresent(j -> line.append(String.format(Locale.ROOT, ", jitter %.1f ms", j)));
        line.append(attempt.connectMillis().isEmpty() ? "" : " over " + attempt.connectMillis().size() + " connects");
        if (!attempt.detail().isEmpty()) {
            line.append(" (").append(attempt.detail()).append(')');
        }
        return line.toString();
    }
}

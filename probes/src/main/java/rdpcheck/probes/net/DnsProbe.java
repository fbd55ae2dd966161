package rdpcheck.probes.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.net.DnsResult.DnsStatus;

/**
 * Resolves the target's name through the system resolver (so /etc/hosts and search domains work
 * as they do for mstsc). The JDK's lookup cannot be interrupted, so it runs on its own daemon
 * thread and the probe stops waiting at its deadline.
 */
public final class DnsProbe implements Probe<DnsResult> {

    public static final ProbeId<DnsResult> ID = ProbeId.of("dns", DnsResult.class);

    static final Duration MAX_LOOKUP = Duration.ofSeconds(5);

    private static final ExecutorService RESOLVER = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "rdpcheck-dns");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public ProbeId<DnsResult> id() {
        return ID;
    }

    @Override
    public DnsResult run(ProbeContext context) throws InterruptedException {
        String host = context.target().host();
        if (context.target().isIpLiteral()) {
            return new DnsResult(DnsStatus.LITERAL, List.of(host), 0, "");
        }
        long started = System.nanoTime();
        List<String> names = context.options().gate().namesToResolve(host);
        if (names.isEmpty()) {
            return lookup(host, host, context, started);
        }
        // Only the names the policy admits, each on its own (no search domain), in the resolver's order.
        List<DnsResult> failures = new ArrayList<>();
        for (String name : names) {
            DnsResult result = lookup(name, HostsFile.exact(name), context, started);
            if (result.resolved()) {
                return result;
            }
            failures.add(result);
            if (context.deadline().expired()) {
                break;
            }
        }
        DnsStatus worst = failures.stream().map(DnsResult::status)
                .filter(s -> s == DnsStatus.TIMED_OUT || s == DnsStatus.TEMPORARY_FAILURE).findFirst()
                .orElse(DnsStatus.NO_SUCH_NAME);
        return new DnsResult(worst, List.of(), millisSince(started), "looked up only the names the target policy admits: "
                + String.join(", ", failures.stream().map(f -> f.detail()).toList()));
    }

    /**
     * One lookup of {@code query} (as the resolver gets it), said as {@code name}; never throws. The
     * words are rdpcheck's, whatever the resolver said: no exception text reaches a report.
     */
    private static DnsResult lookup(String name, String query, ProbeContext context, long started)
            throws InterruptedException {
        Future<InetAddress[]> lookup = RESOLVER.submit(() -> InetAddress.getAllByName(query));
        try {
            InetAddress[] found = lookup.get(context.deadline().capMillis(MAX_LOOKUP), TimeUnit.MILLISECONDS);
            Set<String> literals = new LinkedHashSet<>();
            Arrays.stream(found).map(Endpoints::literal).forEach(literals::add);
            return new DnsResult(DnsStatus.RESOLVED, List.copyOf(literals), millisSince(started), "");
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return new DnsResult(DnsStatus.TIMED_OUT, List.of(), millisSince(started),
                    name + ": no answer from the resolver within " + MAX_LOOKUP.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean temporary = !(cause instanceof UnknownHostException) || isTemporary(String.valueOf(cause.getMessage()));
            return temporary
                    ? new DnsResult(DnsStatus.TEMPORARY_FAILURE, List.of(), millisSince(started),
                            name + ": the DNS server did not answer (temporary failure in name resolution)")
                    : new DnsResult(DnsStatus.NO_SUCH_NAME, List.of(), millisSince(started), name + ": no such name");
        }
    }

    /** glibc's EAI_AGAIN ("Temporary failure in name resolution") is a timeout or SERVFAIL, not NXDOMAIN. */
    static boolean isTemporary(String resolverMessage) {
        String lower = resolverMessage.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("temporary failure") || lower.contains("try again");
    }

    private static double millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000.0;
    }
}

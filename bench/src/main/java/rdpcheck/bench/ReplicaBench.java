package rdpcheck.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import rdpcheck.checks.Checker;
import rdpcheck.checks.SharedAnswers;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Target;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;
import rdpcheck.store.StoreSettings;
import rdpcheck.store.Stores;
import rdpcheck.store.ThrowawayPostgres;

/**
 * (r) Several replicas on one PostgreSQL: how long after {@code kill -9} of the replica running the
 * watches another one leads (child JVMs, each in the election as {@code serve} is), and what the
 * shared-answer lookup adds to a check (a report another replica published: found; none: claimed,
 * then published), on a throwaway PostgreSQL on loopback.
 */
final class ReplicaBench {

    static final int LOOKUPS = 2_000;

    private final StringBuilder md;
    private final Path work;
    private final boolean quick;

    ReplicaBench(StringBuilder md, Path work, boolean quick) {
        this.md = md;
        this.work = work;
        this.quick = quick;
    }

    void run() throws Exception {
        md.append("## (r) Several replicas: failover after kill -9, and the shared-answer lookup\n\n");
        Optional<ThrowawayPostgres> pg = ThrowawayPostgres.startIfInstalled();
        if (pg.isEmpty()) {
            md.append("PostgreSQL is not installed here (Debian's postgresql package): nothing measured.\n\n");
            return;
        }
        md.append("PostgreSQL ").append(pg.get().version()).append(" on loopback (fsync off), a database of its own per part.\n\n");
        failover(pg.get(), 6, quick ? 2 : 5);
        if (!quick) {
            failover(pg.get(), 30, 1);
        }
        lookups(pg.get());
    }

    /** Rounds of: two replicas, kill -9 the leader, time until the other leads. */
    private void failover(ThrowawayPostgres pg, int failoverSeconds, int rounds) throws Exception {
        String url = pg.newDatabase();
        List<Double> seconds = new ArrayList<>();
        List<Process> all = new ArrayList<>();
        try {
            Child leader = Child.start(work, url, failoverSeconds, all);
            leader.await("leads", Duration.ofSeconds(60));
            for (int round = 0; round < rounds; round++) {
                Child next = Child.start(work, url, failoverSeconds, all);
                next.await("started", Duration.ofSeconds(60));
                Thread.sleep(1000); // in the election: it follows
                if (next.said("leads")) {
                    throw new IllegalStateException("two replicas lead");
                }
                long killed = System.nanoTime();
                leader.process.destroyForcibly();
                next.await("leads", Duration.ofSeconds(failoverSeconds * 2L));
                seconds.add((System.nanoTime() - killed) / 1e9);
                leader.process.waitFor(10, TimeUnit.SECONDS);
                leader = next;
            }
        } finally {
            for (Process process : all) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Stats s = Stats.of(seconds);
        md.append(String.format(Locale.ROOT, "- watch.failover %d s (lease %.1f s, renewed every %.1f s): kill -9 of the leader ->"
                        + " the other replica leads after %s s (median of %d; min %.2f, max %.2f)%n", failoverSeconds,
                failoverSeconds * 2 / 3.0, failoverSeconds / 6.0, String.format(Locale.ROOT, "%.2f", s.median()), s.count(),
                s.min(), s.max()));
    }

    private void lookups(ThrowawayPostgres pg) throws Exception {
        Report real;
        try (LabHost host = LabHost.start("replica-bench", LabHosts.windowsServer2019Nla())) {
            real = Checker.standard(ProbeOptions.defaults()).check(host.target());
        }
        String url = pg.newDatabase();
        StoreSettings settings = new StoreSettings(url, Duration.ofDays(90), 1024, Optional.empty());
        SharedAnswers answers = Stores.sharedAnswers(settings, Map.of(), Duration.ofSeconds(10));
        List<Double> claimPublish = new ArrayList<>();
        List<Double> found = new ArrayList<>();
        int n = quick ? LOOKUPS / 4 : LOOKUPS;
        Duration ttl = Duration.ofSeconds(60);
        for (int i = 0; i < n; i++) {
            String key = target(i).key();
            long t = System.nanoTime();
            SharedAnswers.Outcome outcome = answers.find(key, ttl);
            if (!(outcome instanceof SharedAnswers.Claimed claim)) {
                throw new IllegalStateException("not claimed: " + outcome);
            }
            answers.publish(claim, real);
            if (i >= n / 10) {
                claimPublish.add((System.nanoTime() - t) / 1e6);
            }
        }
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            SharedAnswers.Outcome outcome = answers.find(target(i).key(), ttl);
            if (!(outcome instanceof SharedAnswers.Found)) {
                throw new IllegalStateException("not found: " + outcome);
            }
            if (i >= n / 10) {
                found.add((System.nanoTime() - t) / 1e6);
            }
        }
        answers.close();
        Stats c = Stats.of(claimPublish);
        Stats f = Stats.of(found);
        md.append(String.format(Locale.ROOT, "%nThe shared-answer lookup a replica makes before it probes, %d targets (the first"
                        + " tenth left out, JIT warm-up), one real report (LabHosts.windowsServer2019Nla(), %d KiB of JSON):%n%n",
                n, ReportJson.write(real, false).length() / 1024));
        md.append("| path | p50 | p99 |\n|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| found: another replica's report within cache.ttl (read and parse it) | %s | %s |%n",
                Stats.ms(f.median()), Stats.ms(f.pct(99))));
        md.append(String.format(Locale.ROOT, "| none: claim the run, then publish its report | %s | %s |%n%n",
                Stats.ms(c.median()), Stats.ms(c.pct(99))));
    }

    private static Target target(int i) {
        String host = "rdp" + i + ".replica.example";
        return new Target(host, 3389, host);
    }

    /** One LeaderChild JVM, its output in a file. */
    private record Child(Process process, Path out) {

        static Child start(Path work, String url, int failoverSeconds, List<Process> all) throws Exception {
            Path out = Files.createTempFile(work, "leader", ".out");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LeaderChild.class.getName(),
                    url, Integer.toString(failoverSeconds))
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(new File("/dev/null")).start();
            all.add(process);
            return new Child(process, out);
        }

        boolean said(String line) throws Exception {
            return Files.readAllLines(out, StandardCharsets.UTF_8).contains(line);
        }

        void await(String line, Duration within) throws Exception {
            long end = System.nanoTime() + within.toNanos();
            while (!said(line)) {
                if (System.nanoTime() > end || !process.isAlive()) {
                    throw new IllegalStateException("a replica did not say '" + line + "' within " + within);
                }
                Thread.sleep(5);
            }
        }
    }
}

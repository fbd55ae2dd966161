package rdpcheck.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import rdpcheck.checks.Asker;
import rdpcheck.checks.Checker;
import rdpcheck.checks.History;
import rdpcheck.store.StoreSettings;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Target;
import rdpcheck.probes.report.ChangeFacts;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;
import rdpcheck.store.HistoryStore;
import rdpcheck.store.StoreException;
import rdpcheck.store.Stores;
import rdpcheck.store.ThrowawayPostgres;

/**
 * (f) The history store: what recording costs a check (comparing it with the earlier checks of its
 * target, then keeping it: {@link History#compared} plus {@link History#checked}, as the pipeline calls
 * them), and how long {@code history HOST} and the comparison take on a store of a million checks.
 * SQLite (the embedded default, a file on this disk) and, where Debian's postgresql is installed, a
 * throwaway PostgreSQL on loopback.
 */
final class StoreBench {

    static final int RECORDS = 2_000;
    static final int BIG = 1_000_000;
    static final int TARGETS = 10_000;
    static final int QUERIES = 2_000;
    static final int STAND_IN = 2048;

    private final StringBuilder md;
    private final Path work;
    private final boolean quick;

    StoreBench(StringBuilder md, Path work, boolean quick) {
        this.md = md;
        this.work = work;
        this.quick = quick;
    }

    void run() throws Exception {
        Report real;
        try (LabHost host = LabHost.start("store-bench", LabHosts.windowsServer2019Nla())) {
            real = Checker.standard(ProbeOptions.defaults()).check(host.target());
        }
        String json = ReportJson.write(real, false);
        md.append("## (f) History store: recording a check, and history on a million checks\n\n");
        md.append("One real report (LabHosts.windowsServer2019Nla(), ").append(json.length() / 1024)
                .append(" KiB of JSON with its certificate chain) recorded again and again under other times and targets."
                        + " *Record* is what the pipeline adds to a check: `History.compared` (read the last 50 checks of"
                        + " the target, compute the changes) plus `History.checked` (one INSERT, committed). The million-check"
                        + " stores hold 100 checks each of 10,000 targets, filled by plain batched INSERTs into the same schema"
                        + " (the report column there holds its first 2 KiB as a stand-in, which these queries never read: a"
                        + " million real reports would be " + (json.length() / 1024) + " GB); *history* is `HistoryStore.history(target, 20)`, *compare* is"
                        + " `HistoryStore.earlier(target, now, 50)`, random targets.\n\n");
        md.append("| engine | record p50 | record p99 | history p50 (1M) | history p99 (1M) | compare p50 (1M) | compare p99 (1M) | fill 1M |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        Path dir = Files.createTempDirectory(work, "store-bench");
        row("SQLite (WAL, synchronous=NORMAL)", "jdbc:sqlite:" + dir.resolve("record.db"),
                "jdbc:sqlite:" + dir.resolve("million.db"), real);
        Files.deleteIfExists(dir.resolve("million.db"));
        System.out.println(md); // a row at a time: the next engine takes minutes
        Optional<ThrowawayPostgres> pg = postgres();
        if (pg.isPresent()) {
            row("PostgreSQL " + pg.get().version() + " (loopback, fsync off)", pg.get().newDatabase(), pg.get().newDatabase(), real);
        } else {
            md.append("| PostgreSQL | not installed here | | | | | | |\n");
        }
        md.append('\n');
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Optional<ThrowawayPostgres> postgres() throws Exception {
        return ThrowawayPostgres.startIfInstalled();
    }

    private void row(String engine, String recordUrl, String bigUrl, Report real) throws Exception {
        List<Double> record = recordCost(recordUrl, real);
        long fillStart = System.nanoTime();
        int rows = quick ? BIG / 20 : BIG;
        fill(bigUrl, real, rows);
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        List<Double> history = new ArrayList<>();
        List<Double> compare = new ArrayList<>();
        StoreSettings settings = new StoreSettings(bigUrl, Duration.ofDays(3650), 100_000, Optional.empty());
        try (HistoryStore store = HistoryStore.open(bigUrl, settings, Clock.systemUTC())) {
            Random random = new Random(7);
            for (int i = 0; i < QUERIES; i++) {
                String target = target(random.nextInt(TARGETS)).key();
                long t = System.nanoTime();
                int n = store.history(target, 20).size();
                history.add((System.nanoTime() - t) / 1e6);
                t = System.nanoTime();
                int m = store.earlier(target, Instant.now(), ChangeFacts.MAX_EARLIER).size();
                compare.add((System.nanoTime() - t) / 1e6);
                if (n != 20 || m < 50) {
                    throw new IllegalStateException("the big store holds " + n + "/" + m + " checks of " + target);
                }
            }
        }
        Stats r = Stats.of(record);
        Stats h = Stats.of(history);
        Stats c = Stats.of(compare);
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %.0f s (%d rows) |\n", engine,
                Stats.ms(r.median()), Stats.ms(r.pct(99)), Stats.ms(h.median()), Stats.ms(h.pct(99)),
                Stats.ms(c.median()), Stats.ms(c.pct(99)), fillSeconds, rows));
    }

    /** compared + checked, as the pipeline calls them, for RECORDS checks over 100 targets. */
    private List<Double> recordCost(String url, Report real) {
        StoreSettings settings = new StoreSettings(url, Duration.ofDays(90), 1024, Optional.empty());
        History history = Stores.history(settings, Map.of());
        if (history.off().isPresent()) {
            throw new IllegalStateException(history.off().get());
        }
        List<Double> costs = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofDays(1));
        int records = quick ? RECORDS / 4 : RECORDS;
        for (int i = 0; i < records; i++) {
            Target target = target(i % 100);
            Report report = new Report(target, start.plusSeconds(i), real.elapsedMillis(), real.verdict(), real.diagnoses(),
                    real.findings());
            long t = System.nanoTime();
            Report compared = history.compared(report);
            history.checked(target, compared, Duration.ofMillis(100), Asker.cli());
            if (i >= records / 10) { // the first tenth warms the JIT and the file
                costs.add((System.nanoTime() - t) / 1e6);
            }
        }
        history.close();
        return costs;
    }

    private static Target target(int i) {
        String host = "rdp" + i + ".bench.example";
        return new Target(host, 3389, host);
    }

    /** rows checks: 100 per target, a day apart, every tenth with problems. */
    private static void fill(String url, Report real, int rows) throws StoreException, java.sql.SQLException {
        StoreSettings settings = new StoreSettings(url, Duration.ofDays(3650), 100_000, Optional.empty());
        HistoryStore.open(url, settings, Clock.systemUTC()).close(); // the schema, by the migrations
        String facts;
        try {
            facts = ReportJson.mapper().writeValueAsString(ChangeFacts.of(real.target(), real.findings()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // a 2 KiB stand-in: the history and compare queries never read the report column, and a million real
        // reports (about 20 KiB each with their diagnoses and fix steps) would be 20 GB on this shared disk
        String full = ReportJson.write(real, false);
        String report = full.substring(0, Math.min(full.length(), STAND_IN));
        Instant start = Instant.now().minus(Duration.ofDays(3000));
        try (Connection c = DriverManager.getConnection(url + (url.contains("postgresql") ? "&reWriteBatchedInserts=true" : ""))) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO checks (target, checked_at, severity, problems,"
                    + " verdict, root_cause, asked_via, asked_by, asked_where, took_ms, facts, report)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    int target = i % TARGETS;
                    boolean problems = (i / TARGETS) % 10 == 9;
                    insert.setString(1, target(target).key());
                    insert.setLong(2, start.plus(Duration.ofDays(i / TARGETS)).plusSeconds(target).toEpochMilli());
                    insert.setString(3, problems ? "CRITICAL" : "OK");
                    insert.setInt(4, problems ? 1 : 0);
                    insert.setString(5, real.verdict());
                    insert.setString(6, problems ? "cert.expired" : "healthy");
                    insert.setString(7, "cli");
                    insert.setString(8, "bench");
                    insert.setString(9, "terminal");
                    insert.setLong(10, 100);
                    insert.setString(11, facts);
                    insert.setString(12, report);
                    insert.addBatch();
                    if (i % 5_000 == 4_999) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            if (url.contains("postgresql")) {
                c.setAutoCommit(true);
                try (var s = c.createStatement()) {
                    s.execute("ANALYZE checks");
                }
            }
        }
    }
}

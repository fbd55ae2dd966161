package rdpcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.checks.Answer;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckSettings;
import rdpcheck.checks.Checker;
import rdpcheck.checks.SharedAnswers;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.ProbeOptions;

/**
 * Two check services (two replicas in one JVM) sharing answers through a real store, checking a
 * real lab host: what a host sees of two identical requests, and of a request after another replica's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedChecksTest {

    private static final ProbeOptions OPTIONS = ProbeOptions.defaults().withDeadline(Duration.ofSeconds(8));
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private CheckService replica(SharedAnswers shared) {
        CheckService service = new CheckService(Checker.standard(OPTIONS), CheckSettings.defaults(), new SimpleMeterRegistry(),
                shared);
        open.add(service);
        return service;
    }

    private SharedAnswers answers(String url, String name) {
        Dialect dialect = Dialect.of(url);
        StoreAnswers answers = new StoreAnswers(() -> Engines.open(url), dialect, Database.describe(url, dialect), name,
                Duration.ofSeconds(13), Duration.ofSeconds(13));
        open.add(answers::close);
        return answers;
    }

    /** Connections one probe run of the lab host makes: the unit the others are counted in. */
    private static int oneRun() throws Exception {
        try (LabHost host = LabHost.start("alone", LabHosts.windowsServer2019Nla())) {
            Checker.standard(OPTIONS).check(host.target());
            return host.connectionsAccepted();
        }
    }

    @ParameterizedTest
    @EnumSource(Engines.class)
    void sameTargetOnTwoReplicasTogether_oneProbeRun_theOtherWaitsForItsReport(Engines engine) throws Exception {
        String url = engine.newStore(dir);
        CheckService a = replica(answers(url, "a"));
        CheckService b = replica(answers(url, "b"));
        int one = oneRun();
        try (LabHost host = LabHost.start("shared", LabHosts.windowsServer2019Nla())) {
            var first = a.submit(host.target(), false);
            var second = b.submit(host.target(), false);
            Answer x = first.answer().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Answer y = second.answer().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(Set.of(Answer.Freshness.NEW, Answer.Freshness.SHARED), Set.copyOf(List.of(x.freshness(), y.freshness())),
                    "one probed, one waited for it");
            assertEquals(x.report().verdict(), y.report().verdict());
            assertEquals(1, a.runsCompleted() + b.runsCompleted(), "one probe run in all");
            assertEquals(1, a.answeredByReplicas() + b.answeredByReplicas());
            System.out.printf(Locale.ROOT, "shared answers (%s): two replicas asked together, the host saw %d connections;"
                    + " one run is %d%n", engine, host.connectionsAccepted(), one);
            assertEquals(one, host.connectionsAccepted(), "the host saw one check");

            // Within cache.ttl a third request on the other replica is answered from the store, cached.
            CheckService c = replica(answers(url, "c"));
            Answer z = c.submit(host.target(), false).answer().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(Answer.Freshness.CACHED, z.freshness());
            assertTrue(z.ageNote().startsWith("cached result from"), z.ageNote());
            assertEquals(one, host.connectionsAccepted(), "still one check");
            // fresh: probes again
            Answer again = c.submit(host.target(), true).answer().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(Answer.Freshness.NEW, again.freshness());
            assertEquals(2 * one, host.connectionsAccepted());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engines.class, names = "POSTGRESQL")
    void storeDown_eachReplicaProbesAlone_andStillAnswers(Engines engine) throws Exception {
        String down = "jdbc:postgresql://127.0.0.1:1/rdpcheck?user=rdpcheck";
        CheckService a = replica(answers(down, "a"));
        CheckService b = replica(answers(down, "b"));
        int one = oneRun();
        try (LabHost host = LabHost.start("shared", LabHosts.windowsServer2019Nla())) {
            Answer x = a.submit(host.target(), false).answer().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Answer y = b.submit(host.target(), false).answer().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(List.of(Answer.Freshness.NEW, Answer.Freshness.NEW), List.of(x.freshness(), y.freshness()));
            assertEquals(2 * one, host.connectionsAccepted(), "each replica probed on its own");
        }
    }
}

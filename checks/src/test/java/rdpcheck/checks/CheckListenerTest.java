package rdpcheck.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.Target;
import rdpcheck.probes.report.Report;

/** Every way of checking goes through one pipeline, and an installed listener hears each probe run once. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckListenerTest {

    private static final ProbeOptions OPTIONS = ProbeOptions.defaults().withDeadline(Duration.ofSeconds(5));

    @Test
    void installedListener_hearsCliFleetAndServiceChecks_onceEach() throws Exception {
        try (LabHost cli = LabHost.start("cli", LabHosts.nlaRequired());
             LabHost fleet = LabHost.start("fleet", LabHosts.rdpOnly());
             LabHost chat = LabHost.start("chat", LabHosts.healthy());
             CheckService service = new CheckService(Checker.standard(OPTIONS), CheckSettings.defaults(), new SimpleMeterRegistry())) {
            Checker.standard(OPTIONS).check(cli.target());
            assertEquals(1, RecordingListener.count(cli.target()), RecordingListener.heard().toString());

            FleetRunner.standard(OPTIONS, 2).run(List.of(fleet.target()), FleetRunner.Listener.NONE);
            assertEquals(1, RecordingListener.count(fleet.target()), RecordingListener.heard().toString());

            CheckService.Ticket first = service.submit(chat.target(), false);
            CheckService.Ticket joined = service.submit(chat.target(), false);
            first.answer().get(15, TimeUnit.SECONDS);
            joined.answer().get(15, TimeUnit.SECONDS);
            assertEquals(CheckService.Admission.CACHED, service.submit(chat.target(), false).admission());
            assertEquals(1, RecordingListener.count(chat.target()),
                    "a shared run and a cached answer are one check: " + RecordingListener.heard());
        }
    }

    @Test
    void throwingListener_theCheckIsStillAnsweredAndTheOthersTold() {
        Target target = new Target("10.0.0.1", 3389, "10.0.0.1");
        Report report = CheckServiceTest.report(target);
        List<Target> told = new ArrayList<>();
        CheckListener throwing = new CheckListener() {
            @Override
            public void checked(Target t, Report r, Duration took) {
                throw new IllegalStateException("listener bug");
            }
        };
        CheckListener recording = new CheckListener() {
            @Override
            public void checked(Target t, Report r, Duration took) {
                told.add(t);
            }
        };
        Checker checker = ((Checker) t -> report).heardBy(List.of(throwing, recording));
        assertSame(report, checker.check(target));
        assertEquals(List.of(target), told);
    }

    @Test
    void checkerFailure_isToldAndStillThrown() {
        Target target = new Target("10.0.0.2", 3389, "10.0.0.2");
        List<Throwable> failures = new ArrayList<>();
        CheckListener listener = new CheckListener() {
            @Override
            public void failed(Target t, Throwable error, Duration took) {
                failures.add(error);
            }
        };
        Checker broken = ((Checker) t -> {
            throw new IllegalStateException("probe bug");
        }).heardBy(List.of(listener));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.check(target));
        assertEquals(List.of(e), failures);
        assertTrue(CheckListeners.installed().stream().anyMatch(RecordingListener.class::isInstance),
                "found through META-INF/services");
    }
}

package rdpcheck.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The runner's contract, with probes written for the purpose: every way out of a probe is an outcome. */
class ProbeRunnerTest {

    private static final Target TARGET = new Target("127.0.0.1", 3389, "127.0.0.1");

    private record TestProbe(ProbeId id, Body body) implements Probe<String> {
        interface Body {
            String run(ProbeContext context) throws Exception;
        }

        @Override
        public Class<String> resultType() {
            return String.class;
        }

        @Override
        public String run(ProbeContext context) throws Exception {
            return body.run(context);
        }
    }

    @Test
    void run_probeThatHangs_isTimedOutAtDeadline() {
        ProbeRunner runner = new ProbeRunner(List.of(new TestProbe(ProbeId.DNS, c -> {
            // Well past the 300 ms deadline, but short: the runner cannot interrupt a CompletableFuture's
            // thread, and a sleeper left for a minute shows up as a busy probe thread in later tests.
            Thread.sleep(2_000);
            return "never";
        })));
        long started = System.nanoTime();
        CheckRun run = runner.run(TARGET, ProbeOptions.defaults().withDeadline(Duration.ofMillis(300)));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertInstanceOf(ProbeOutcome.TimedOut.class, run.findings().outcome(ProbeId.DNS).orElseThrow());
        assertTrue(tookMillis < 300 + ProbeRunner.GRACE.toMillis() + 500, "took " + tookMillis);
    }

    @Test
    void run_probeThatThrows_isFailedWithoutTheExceptionText() {
        ProbeRunner runner = new ProbeRunner(List.of(new TestProbe(ProbeId.DNS, c -> {
            throw new IllegalStateException("boom at rdpcheck.Internal");
        })));
        ProbeOutcome outcome = runner.run(TARGET, ProbeOptions.defaults()).findings().outcome(ProbeId.DNS).orElseThrow();
        ProbeOutcome.Failed failed = assertInstanceOf(ProbeOutcome.Failed.class, outcome);
        assertTrue(failed.reason().contains("dns probe"), failed.reason());
        assertFalse(failed.reason().contains("boom") || failed.reason().contains("IllegalStateException"), failed.reason());
    }

    /** A probe still computing when the answer is given is interrupted: it does not burn on unseen. */
    @Test
    void run_probeStillComputingAtDeadline_isInterruptedWhenTheAnswerIsGiven() throws Exception {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        ProbeRunner runner = new ProbeRunner(List.of(new TestProbe(ProbeId.DNS, c -> {
            long spins = 0;
            while (!Thread.currentThread().isInterrupted()) {
                spins++; // CPU work that only an interrupt ends
            }
            stopped.countDown();
            return "stopped after " + spins;
        })));
        CheckRun run = runner.run(TARGET, ProbeOptions.defaults().withDeadline(Duration.ofMillis(200)));
        assertInstanceOf(ProbeOutcome.TimedOut.class, run.findings().outcome(ProbeId.DNS).orElseThrow());
        assertTrue(stopped.await(30, java.util.concurrent.TimeUnit.SECONDS), "the probe was never told to stop");
    }

    @Test
    void run_dependencyFailed_skipsDependentsAndSaysWhy() {
        ProbeRunner runner = new ProbeRunner(List.of(
                new TestProbe(ProbeId.DNS, c -> {
                    throw new ProbeException("no such name");
                }),
                new TestProbe(ProbeId.TCP, c -> "connected")));
        Findings findings = runner.run(TARGET, ProbeOptions.defaults()).findings();
        ProbeOutcome.Skipped skipped = assertInstanceOf(ProbeOutcome.Skipped.class, findings.outcome(ProbeId.TCP).orElseThrow());
        assertTrue(skipped.reason().contains("dns"), skipped.reason());
    }

    @Test
    void run_dependentProbe_seesWhatItsDependencyFound() {
        ProbeRunner runner = new ProbeRunner(List.of(
                new TestProbe(ProbeId.DNS, c -> "resolved"),
                new TestProbe(ProbeId.TCP, c -> "after " + c.result(String.class).orElse("nothing"))));
        Findings findings = runner.run(TARGET, ProbeOptions.defaults()).findings();
        ProbeOutcome.Completed tcp = (ProbeOutcome.Completed) findings.outcome(ProbeId.TCP).orElseThrow();
        assertEquals("after resolved", tcp.result());
    }

    @Test
    void run_independentProbes_runSideBySide() {
        CountDownLatch both = new CountDownLatch(2);
        TestProbe.Body waitForTheOther = c -> {
            both.countDown();
            return both.await(2, TimeUnit.SECONDS) ? "together" : "alone";
        };
        ProbeRunner runner = new ProbeRunner(List.of(
                new TestProbe(ProbeId.NEGOTIATION, c -> "base"),
                new TestProbe(ProbeId.TLS, waitForTheOther),
                new TestProbe(ProbeId.SECURITY_LAYER, waitForTheOther)));
        Findings findings = runner.run(TARGET, ProbeOptions.defaults()).findings();
        // NEGOTIATION needs TCP, which is not part of this runner: its dependents are skipped, so test via result
        assertInstanceOf(ProbeOutcome.Skipped.class, findings.outcome(ProbeId.NEGOTIATION).orElseThrow());
        ProbeRunner independent = new ProbeRunner(List.of(
                new TestProbe(ProbeId.DNS, waitForTheOther)));
        assertEquals(List.of(ProbeId.DNS), independent.plan());
    }

    @Test
    void run_skippedProbe_reportsItsReason() {
        ProbeRunner runner = new ProbeRunner(List.of(new TestProbe(ProbeId.DNS, c -> {
            throw new ProbeSkipped("does not apply");
        })));
        ProbeOutcome.Skipped skipped = assertInstanceOf(ProbeOutcome.Skipped.class,
                runner.run(TARGET, ProbeOptions.defaults()).findings().outcome(ProbeId.DNS).orElseThrow());
        assertEquals("does not apply", skipped.reason());
    }
}

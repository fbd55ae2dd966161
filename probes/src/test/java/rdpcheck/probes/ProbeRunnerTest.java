package rdpcheck.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The runner's contract, with probes written for the purpose: every way out of a probe is an outcome. */
class ProbeRunnerTest {

    private static final Target TARGET = new Target("127.0.0.1", 3389, "127.0.0.1");

    private static final ProbeId<String> FIRST = ProbeId.of("first", String.class);
    private static final ProbeId<String> SECOND = ProbeId.of("second", String.class, FIRST);
    private static final ProbeId<String> LEFT = ProbeId.of("left", String.class, FIRST);
    private static final ProbeId<String> RIGHT = ProbeId.of("right", String.class, FIRST);

    private record TestProbe(ProbeId<String> id, Body body) implements Probe<String> {
        interface Body {
            String run(ProbeContext context) throws Exception;
        }

        @Override
        public String run(ProbeContext context) throws Exception {
            return body.run(context);
        }
    }

    @Test
    void run_probeThatHangs_isTimedOutAtDeadline() {
        ProbeRunner runner = new ProbeRunner(List.of(new TestProbe(FIRST, c -> {
            // Well past the 300 ms deadline, but short: the runner cannot interrupt a CompletableFuture's
            // thread, and a sleeper left for a minute shows up as a busy probe thread in later tests.
            Thread.sleep(2_000);
            return "never";
        })));
        long started = System.nanoTime();
        CheckRun run = runner.run(TARGET, ProbeOptions.defaults().withDeadline(Duration.ofMillis(300)));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertInstanceOf(ProbeOutcome.TimedOut.class, run.findings().outcome(FIRST).orElseThrow());
        assertTrue(tookMillis < 300 + ProbeRunner.GRACE.toMillis() + 500, "took " + tookMillis);
    }

    @Test
    void run_probeThatThrows_isFailedWithoutTheExceptionText() {
        ProbeRunner runner = new ProbeRunner(List.of(new TestProbe(FIRST, c -> {
            throw new IllegalStateException("boom at rdpcheck.Internal");
        })));
        ProbeOutcome outcome = runner.run(TARGET, ProbeOptions.defaults()).findings().outcome(FIRST).orElseThrow();
        ProbeOutcome.Failed failed = assertInstanceOf(ProbeOutcome.Failed.class, outcome);
        assertTrue(failed.reason().contains("first probe"), failed.reason());
        assertFalse(failed.reason().contains("boom") || failed.reason().contains("IllegalStateException"), failed.reason());
    }

    /** A probe still computing when the answer is given is interrupted: it does not burn on unseen. */
    @Test
    void run_probeStillComputingAtDeadline_isInterruptedWhenTheAnswerIsGiven() throws Exception {
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        ProbeRunner runner = new ProbeRunner(List.of(new TestProbe(FIRST, c -> {
            long spins = 0;
            while (!Thread.currentThread().isInterrupted()) {
                spins++; // CPU work that only an interrupt ends
            }
            stopped.countDown();
            return "stopped after " + spins;
        })));
        CheckRun run = runner.run(TARGET, ProbeOptions.defaults().withDeadline(Duration.ofMillis(200)));
        assertInstanceOf(ProbeOutcome.TimedOut.class, run.findings().outcome(FIRST).orElseThrow());
        assertTrue(stopped.await(30, java.util.concurrent.TimeUnit.SECONDS), "the probe was never told to stop");
    }

    @Test
    void run_dependencyFailed_skipsDependentsAndSaysWhy() {
        ProbeRunner runner = new ProbeRunner(List.of(
                new TestProbe(FIRST, c -> {
                    throw new ProbeException("no such name");
                }),
                new TestProbe(SECOND, c -> "connected")));
        Findings findings = runner.run(TARGET, ProbeOptions.defaults()).findings();
        ProbeOutcome.Skipped skipped = assertInstanceOf(ProbeOutcome.Skipped.class, findings.outcome(SECOND).orElseThrow());
        assertTrue(skipped.reason().contains("first"), skipped.reason());
    }

    @Test
    void run_dependentProbe_seesWhatItsDependencyFound() {
        ProbeRunner runner = new ProbeRunner(List.of(
                new TestProbe(FIRST, c -> "resolved"),
                new TestProbe(SECOND, c -> "after " + c.result(FIRST).orElse("nothing"))));
        Findings findings = runner.run(TARGET, ProbeOptions.defaults()).findings();
        assertEquals("after resolved", findings.result(SECOND).orElseThrow());
    }

    @Test
    void run_independentProbes_runSideBySide() {
        CountDownLatch both = new CountDownLatch(2);
        TestProbe.Body waitForTheOther = c -> {
            both.countDown();
            return both.await(2, TimeUnit.SECONDS) ? "together" : "alone";
        };
        ProbeRunner runner = new ProbeRunner(List.of(new TestProbe(FIRST, c -> "base"),
                new TestProbe(LEFT, waitForTheOther), new TestProbe(RIGHT, waitForTheOther)));
        Findings findings = runner.run(TARGET, ProbeOptions.defaults()).findings();
        assertEquals("together", findings.result(LEFT).orElseThrow());
        assertEquals("together", findings.result(RIGHT).orElseThrow());
    }

    @Test
    void plan_probesListedBeforeTheirNeeds_runAfterThem() {
        ProbeRunner runner = new ProbeRunner(List.of(new TestProbe(SECOND, c -> "b"), new TestProbe(FIRST, c -> "a")));
        assertEquals(List.of(FIRST, SECOND), runner.plan());
        assertEquals(List.of(FIRST, SECOND), List.copyOf(runner.run(TARGET, ProbeOptions.defaults()).findings().outcomes().keySet()));
    }

    @Test
    void run_needNotInTheCheck_skipsTheProbeAndSaysSo() {
        Findings findings = new ProbeRunner(List.of(new TestProbe(SECOND, c -> "b"))).run(TARGET, ProbeOptions.defaults()).findings();
        ProbeOutcome.Skipped skipped = assertInstanceOf(ProbeOutcome.Skipped.class, findings.outcome(SECOND).orElseThrow());
        assertEquals("the first probe is not part of this check", skipped.reason());
    }

    @Test
    void new_twoProbesWithOneLabel_isRefused() {
        ProbeId<String> again = ProbeId.of("first", String.class);
        assertThrows(IllegalArgumentException.class,
                () -> new ProbeRunner(List.of(new TestProbe(FIRST, c -> "a"), new TestProbe(again, c -> "b"))));
    }

    @Test
    void findings_resultOfAnotherType_isRefusedOnTheWayIn() {
        ProbeId<Integer> number = ProbeId.of("number", Integer.class);
        assertThrows(IllegalArgumentException.class,
                () -> Findings.empty().with(number, new ProbeOutcome.Completed("not a number", Duration.ZERO)));
        assertEquals(7, Findings.empty().with(number, new ProbeOutcome.Completed(7, Duration.ZERO)).result(number).orElseThrow());
    }

    @Test
    void probeId_needNotYetInitialised_isRefusedWithTheProbesName() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> ProbeId.of("late", String.class, (ProbeId<?>) null));
        assertTrue(e.getMessage().contains("late"), e.getMessage());
    }

    @Test
    void run_skippedProbe_reportsItsReason() {
        ProbeRunner runner = new ProbeRunner(List.of(new TestProbe(FIRST, c -> {
            throw new ProbeSkipped("does not apply");
        })));
        ProbeOutcome.Skipped skipped = assertInstanceOf(ProbeOutcome.Skipped.class,
                runner.run(TARGET, ProbeOptions.defaults()).findings().outcome(FIRST).orElseThrow());
        assertEquals("does not apply", skipped.reason());
    }
}

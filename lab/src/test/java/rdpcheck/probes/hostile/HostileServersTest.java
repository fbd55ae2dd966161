package rdpcheck.probes.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import rdpcheck.probes.AddressGate;
import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.Probes;
import rdpcheck.probes.cert.CertificateResult;
import rdpcheck.probes.cert.CertificateProbe;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.lab.AfterTls;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.Hostile;
import rdpcheck.lab.LabCertificate;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.Misbehaviours;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.rdp.ConnectionConfirm;
import rdpcheck.probes.rdp.NegotiationAttempt;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.tls.RdpTls;
import rdpcheck.probes.tls.TlsAttempt;
import rdpcheck.probes.tls.TlsOutcome;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.tls.TlsVersion;
import rdpcheck.probes.nla.CredSspProbe;

/**
 * The real probe runner against servers that try to hang a probe, make it hoard memory or leak a
 * socket. Each must end in findings within the deadline (plus a small grace), read no more than
 * the byte budget, and leave no socket open and no thread still working once it has settled.
 */
class HostileServersTest {

    static final Duration DEADLINE = Duration.ofSeconds(3);
    /** The runner's own grace (300 ms) plus scheduling slack on a busy 2-core machine. */
    static final Duration GRACE = Duration.ofMillis(1_500);
    static final int BUDGET = 64 * 1024;
    /** Bytes all rdpcheck threads together may allocate during one hostile check. Unbounded reads of a
     *  loopback firehose would allocate gigabytes in 3 s; measured runs stay under 1 MiB once TLS is warm. */
    static final long ALLOCATION_LIMIT = 16L << 20;

    static final ProbeOptions OPTIONS = new ProbeOptions(DEADLINE, Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
            BUDGET, 4, AddressGate.ALLOW_ALL, Clock.systemUTC());

    static final List<String> MEASURED = new ArrayList<>();

    /**
     * The first TLS handshake in a JVM pays for Bouncy Castle's set-up (seeding, tables): seconds on
     * a loaded machine. Pay it here, unmeasured, so the hostile cases time the hostile part only.
     */
    @BeforeAll
    static void warmUpTls() throws Exception {
        try (LabHost host = LabHost.start("warm-up", LabHosts.healthyTls())) {
            Probes.standardRunner().run(host.target(), OPTIONS.withDeadline(Duration.ofSeconds(20)));
        }
    }

    @AfterAll
    static void printMeasurements() {
        MEASURED.forEach(System.out::println);
    }

    /** Runs a whole check against {@code handler} and asserts the invariants every hostile host must respect. */
    private static CheckRun check(String name, ConnectionHandler handler) throws Exception {
        return check(name, () -> LabHost.start(name, handler));
    }

    private static CheckRun check(Hostile kind) throws Exception {
        return check(kind.name(), kind::start);
    }

    interface HostStarter {
        LabHost start() throws java.io.IOException;
    }

    private static CheckRun check(String name, HostStarter starter) throws Exception {
        int socketsBefore = Connection.openCount();
        Set<String> threadsBefore = otherThreadNames();
        List<String> busyBefore = busyProbeThreads(); // another test class's leftovers are not this check's
        CheckRun run;
        long elapsedNanos;
        long poolBefore;
        long mine;
        try (LabHost host = starter.start()) {
            poolBefore = poolAllocatedBytes();
            long mineBefore = currentThreadAllocatedBytes();
            long started = System.nanoTime();
            run = Probes.standardRunner().run(host.target(), OPTIONS);
            elapsedNanos = System.nanoTime() - started;
            mine = currentThreadAllocatedBytes() - mineBefore;
        }
        Duration elapsed = Duration.ofNanos(elapsedNanos);
        assertTrue(elapsed.compareTo(DEADLINE.plus(GRACE)) <= 0, name + " took " + elapsed.toMillis() + " ms");

        Report report = Report.of(run, new Diagnostician());
        assertFalse(report.diagnoses().isEmpty(), name + ": no diagnosis");

        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while ((Connection.openCount() != socketsBefore || !newBusy(busyBefore).isEmpty()) && System.nanoTime() < until) {
            Thread.sleep(25);
        }
        assertEquals(socketsBefore, Connection.openCount(), name + ": probe sockets left open");
        assertEquals(List.of(), newBusy(busyBefore), name + ": probe threads still working after the check");
        Set<String> newThreads = otherThreadNames();
        newThreads.removeAll(threadsBefore);
        assertEquals(Set.of(), newThreads, name + ": threads left behind");
        long allocated = poolAllocatedBytes() - poolBefore + mine;
        assertTrue(allocated < ALLOCATION_LIMIT, name + ": rdpcheck threads allocated " + allocated + " bytes");
        MEASURED.add(String.format("hostile %-22s %5d ms, %6d KiB allocated by probe threads, diagnoses %s", name,
                elapsed.toMillis(), allocated / 1024, report.diagnoses().stream().map(d -> d.id()).toList()));
        return run;
    }

    private static NegotiationResult negotiation(CheckRun run) {
        return run.findings().result(NegotiationProbe.ID).orElseThrow(() -> new AssertionError(run.findings()));
    }

    private static List<NegotiationReply> replies(CheckRun run) {
        return negotiation(run).attempts().stream().map(NegotiationAttempt::reply).toList();
    }

    @Test
    void endlessTpktLookingBytes_malformedConfirm_withinBudget() throws Exception {
        CheckRun run = check("endless-0x03", Misbehaviours.endless());
        for (NegotiationReply reply : replies(run)) {
            NegotiationReply.Malformed malformed = assertInstanceOf(NegotiationReply.Malformed.class, reply, reply.describe());
            assertFalse(malformed.describe().isBlank());
        }
    }

    @Test
    void endlessNoise_notRdp_previewBounded() throws Exception {
        CheckRun run = check("endless-noise", Misbehaviours.endlessNoise());
        for (NegotiationReply reply : replies(run)) {
            NegotiationReply.NotRdp notRdp = assertInstanceOf(NegotiationReply.NotRdp.class, reply, reply.describe());
            assertTrue(notRdp.bytesSeen() <= 64, "kept " + notRdp.bytesSeen() + " bytes of noise");
        }
    }

    @Test
    void hugeTpktLength_refusedBeforeReading() throws Exception {
        CheckRun run = check("huge-tpkt", Misbehaviours.hugeTpkt());
        for (NegotiationReply reply : replies(run)) {
            assertInstanceOf(NegotiationReply.Malformed.class, reply, reply.describe());
            assertTrue(reply.describe().contains("65535"), reply.describe());
        }
    }

    @Test
    void dripOneBytePerInterval_endsAtDeadline() throws Exception {
        byte[] confirm = ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_SSL.bits(), 0);
        CheckRun run = check("drip", Misbehaviours.drip(confirm, 700));
        for (NegotiationReply reply : replies(run)) {
            assertFalse(reply instanceof NegotiationReply.Selected, "a 19-byte confirm at 0.7 s a byte cannot finish in 3 s");
        }
    }

    @Test
    void resetMidConfirm_reportedAsEndedConnection() throws Exception {
        byte[] confirm = ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_SSL.bits(), 0);
        CheckRun run = check("reset-mid-confirm", Misbehaviours.resetAfter(confirm, 6));
        for (NegotiationReply reply : replies(run)) {
            assertTrue(reply instanceof NegotiationReply.Malformed || reply instanceof NegotiationReply.Closed,
                    reply.describe());
        }
    }

    @Test
    void resetBeforeAnyByte_reportedAsClosed() throws Exception {
        CheckRun run = check("reset-at-once", Misbehaviours.resetAfter(new byte[0], 0));
        for (NegotiationReply reply : replies(run)) {
            assertInstanceOf(NegotiationReply.Closed.class, reply, reply.describe());
        }
    }

    @Test
    void confirmThenGarbageInsteadOfTls_tlsRefusedAsNotTls() throws Exception {
        byte[] garbage = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        CheckRun run = check("confirm-then-garbage", Misbehaviours.confirmThen(Protocol.PROTOCOL_SSL.bits(), garbage, false));
        TlsResult tls = run.findings().result(TlsProbe.ID).orElseThrow(() -> new AssertionError(run.findings()));
        assertFalse(tls.handshakeSucceeded());
        for (TlsAttempt attempt : tls.attempts()) {
            TlsOutcome.Refused refused = assertInstanceOf(TlsOutcome.Refused.class, attempt.outcome(), attempt.describe());
            assertFalse(refused.failure().detail().isBlank());
        }
    }

    @Test
    void confirmThenEndlessTlsRecords_tlsRefusedWithinBudget() throws Exception {
        // a handshake record announcing a Certificate message of 16 MiB, then zeros for ever
        byte[] record = new byte[16 * 1024];
        byte[] header = {0x16, 0x03, 0x03, 0x40, 0x00, 0x0b, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        System.arraycopy(header, 0, record, 0, header.length);
        CheckRun run = check("confirm-then-endless-tls", Misbehaviours.confirmThen(Protocol.PROTOCOL_SSL.bits(), record, true));
        TlsResult tls = run.findings().result(TlsProbe.ID).orElseThrow(() -> new AssertionError(run.findings()));
        for (TlsAttempt attempt : tls.attempts()) {
            TlsOutcome.Refused refused = assertInstanceOf(TlsOutcome.Refused.class, attempt.outcome(), attempt.describe());
            assertTrue(refused.failure().bytesRead() <= RdpTls.HANDSHAKE_BYTE_LIMIT, attempt.describe());
        }
    }

    @Test
    void megabyteCertificateChain_tlsRefusedWithinBudget() throws Exception {
        LabCertificate chain = Hostile.megabyteChain();
        int size = chain.chainDer().stream().mapToInt(d -> d.length).sum();
        assertTrue(size > 1_000_000, "chain of " + size + " bytes");
        CheckRun run = check("megabyte-chain", LabHosts.tlsHost(chain, EnumSet.allOf(TlsVersion.class)));
        TlsResult tls = run.findings().result(TlsProbe.ID).orElseThrow(() -> new AssertionError(run.findings()));
        for (TlsAttempt attempt : tls.attempts()) {
            TlsOutcome.Refused refused = assertInstanceOf(TlsOutcome.Refused.class, attempt.outcome(), attempt.describe());
            assertTrue(refused.failure().bytesRead() <= RdpTls.HANDSHAKE_BYTE_LIMIT, attempt.describe());
        }
        assertTrue(tls.chain().stream().mapToInt(d -> d.length).sum() <= RdpTls.HANDSHAKE_BYTE_LIMIT);
    }

    @Test
    void credSspHugeAsn1Length_refusedBeforeAllocating() throws Exception {
        AfterTls hugeLength = (in, out, request, selected) -> {
            in.read(new byte[4096]); // the client's TSRequest with its NTLM NEGOTIATE
            out.write(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            byte[] zeros = new byte[8192];
            for (int i = 0; i < 1024; i++) {
                out.write(zeros); // 8 MiB behind a 2 GiB announcement
            }
            out.flush();
        };
        CheckRun run = check("credssp-huge-asn1", LabHosts.nlaRequiredWithTls(hugeLength));
        ProbeOutcome credssp = run.findings().outcome(CredSspProbe.ID).orElseThrow();
        ProbeOutcome.Failed failed = assertInstanceOf(ProbeOutcome.Failed.class, credssp, credssp.toString());
        assertTrue(failed.reason().contains("TSRequest"), failed.reason());
    }

    @Test
    void credSspDrip_endsAtDeadline() throws Exception {
        byte[] tsRequest = rdpcheck.probes.nla.TsRequest.withError(6, 0xC000006DL).encode();
        AfterTls drip = (in, out, request, selected) -> {
            in.read(new byte[4096]);
            for (byte b : tsRequest) {
                out.write(b);
                out.flush();
                try {
                    Thread.sleep(700);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };
        CheckRun run = check("credssp-drip", LabHosts.nlaRequiredWithTls(drip));
        ProbeOutcome credssp = run.findings().outcome(CredSspProbe.ID).orElseThrow();
        assertFalse(credssp instanceof ProbeOutcome.Completed, credssp.toString());
    }

    /** The issue's case: a 16,384-bit modulus with a 16,383-bit exponent cost 22 s of CPU per check. */
    @Test
    void rsaKeyBuiltToBurnCpu_refusedBeforeArithmetic_certificateStillAnalysed() throws Exception {
        CheckRun run = check(Hostile.RSA_KEY_BURNS_CPU);
        TlsResult tls = run.findings().result(TlsProbe.ID).orElseThrow(() -> new AssertionError(run.findings()));
        for (TlsAttempt attempt : tls.attempts()) {
            TlsOutcome.Refused refused = assertInstanceOf(TlsOutcome.Refused.class, attempt.outcome(), attempt.describe());
            assertEquals(java.util.Optional.of("unsupported_certificate"), refused.failure().alert(), attempt.describe());
            assertTrue(refused.failure().detail().contains("16383 bits"), refused.failure().detail());
        }
        CertificateResult certificate = run.findings().result(CertificateProbe.ID)
                .orElseThrow(() -> new AssertionError(run.findings()));
        assertEquals(16_384, certificate.leaf().keyBits());
        assertFalse(certificate.leaf().selfSigned(), "a signature that was never checked is not called self-signed");
    }

    /** The issue's case: an endless CredSSP stream after a good handshake ended in a stack trace. */
    @Test
    void endlessCredSspAfterGoodHandshake_failsInWords() throws Exception {
        CheckRun run = check(Hostile.CREDSSP_ENDLESS);
        ProbeOutcome.Failed failed = assertInstanceOf(ProbeOutcome.Failed.class,
                run.findings().outcome(CredSspProbe.ID).orElseThrow());
        assertTrue(failed.reason().contains("TSRequest"), failed.reason());
        assertFalse(failed.reason().matches("(?s).*([A-Z][a-z]+)+(Exception|Error).*"), failed.reason());
    }

    /** 12,000 nested SEQUENCEs in a TSRequest: refused as malformed, no recursion blows the stack. */
    @Test
    void recursiveTsRequest_refusedAsMalformed() {
        rdpcheck.probes.rdp.MalformedPduException e = org.junit.jupiter.api.Assertions.assertThrows(
                rdpcheck.probes.rdp.MalformedPduException.class,
                () -> rdpcheck.probes.nla.TsRequest.decode(Hostile.recursiveTsRequest(12_000)));
        assertTrue(e.getMessage().startsWith("not a TSRequest"), e.getMessage());
    }

    /** The issue's case: a listener that completes TCP and never accepts was reported as fine. */
    @Test
    void neverAcceptingListener_diagnosedSilent() throws Exception {
        CheckRun run = check(Hostile.NEVER_ACCEPTS);
        List<String> ids = Report.of(run, new Diagnostician()).diagnoses().stream().map(d -> d.id()).toList();
        assertTrue(ids.contains("rdp.silent"), ids.toString());
        assertFalse(ids.contains("healthy"), ids.toString());
    }

    @Test
    void silentAfterAccept_negotiationSilent() throws Exception {
        CheckRun run = check("silent", Misbehaviours.silent());
        for (NegotiationReply reply : replies(run)) {
            assertInstanceOf(NegotiationReply.Silent.class, reply, reply.describe());
        }
    }

    // --- measuring -----------------------------------------------------------------------------

    static boolean ours(String name) {
        return name.startsWith("rdpcheck-");
    }

    /** Live threads that are neither rdpcheck's pooled workers nor lab servers' (those end with their host). */
    static Set<String> otherThreadNames() {
        Set<String> names = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (!ours(name) && !name.startsWith("lab-") && thread.isAlive()) {
                names.add(name + "#" + thread.getId());
            }
        }
        return names;
    }

    static List<String> newBusy(List<String> before) {
        Set<String> threadsBusyBefore = new HashSet<>();
        before.forEach(b -> threadsBusyBefore.add(b.substring(0, b.indexOf(" in "))));
        List<String> now = new ArrayList<>(busyProbeThreads());
        now.removeIf(b -> threadsBusyBefore.contains(b.substring(0, b.indexOf(" in "))));
        return now;
    }

    /** rdpcheck pool threads that are running probe code rather than idling in their pool. */
    static List<String> busyProbeThreads() {
        List<String> busy = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            if (!ours(entry.getKey().getName()) || entry.getKey().getName().equals("rdpcheck-connection-watchdog")) {
                continue;
            }
            for (StackTraceElement frame : entry.getValue()) {
                if (frame.getClassName().startsWith("rdpcheck.probes")) {
                    busy.add(entry.getKey().getName() + "#" + entry.getKey().getId() + " in " + frame);
                    break;
                }
            }
        }
        return busy;
    }

    static com.sun.management.ThreadMXBean threads() {
        return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    }

    private static long currentThreadAllocatedBytes() {
        return threads().getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Bytes allocated so far by every live rdpcheck pool thread (probes, legs, DNS, watchdog). */
    private static long poolAllocatedBytes() {
        com.sun.management.ThreadMXBean bean = threads();
        List<Long> ids = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (ours(thread.getName())) {
                ids.add(thread.getId());
            }
        }
        long[] array = ids.stream().mapToLong(Long::longValue).toArray();
        long total = 0;
        for (long bytes : bean.getThreadAllocatedBytes(array)) {
            total += Math.max(0, bytes);
        }
        return total;
    }
}

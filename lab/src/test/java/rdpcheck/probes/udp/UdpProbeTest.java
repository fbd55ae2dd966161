package rdpcheck.probes.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.DatagramHandler;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.UdpHosts;
import rdpcheck.lab.UdpListening;
import rdpcheck.probes.CheckRun;
import rdpcheck.probes.Exposure;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Diagnosis;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.DatagramExchange;
import rdpcheck.probes.report.Report;

/**
 * The udp probe in a real check against every lab UDP personality (and the closed UDP port every
 * other personality has): what it learns, the datagrams it sends (at most two SYNs of 1232 bytes,
 * well-formed by the spec's own decoder), how long it waits, and the diagnoses that follow.
 */
class UdpProbeTest {

    static final ProbeOptions OPTIONS = ProbeOptions.defaults().withDeadline(Duration.ofSeconds(5))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(700));
    static final String LAB_NAME = "lab.rdpcheck.test";

    private int socketsBefore;
    private int exchangesBefore;

    @BeforeEach
    void countOpen() {
        socketsBefore = Connection.openCount();
        exchangesBefore = DatagramExchange.openCount();
    }

    @AfterEach
    void nothingLeftOpen() {
        assertEquals(socketsBefore, Connection.openCount(), "every probe connection is closed");
        assertEquals(exchangesBefore, DatagramExchange.openCount(), "every UDP socket is closed");
    }

    /** A personality's check, with the SYNs its UDP port received. */
    record Checked(CheckRun run, List<byte[]> received, int datagrams) {
        UdpResult udp() {
            return run.findings().result(UdpProbe.ID).orElseThrow(() -> new AssertionError(run.findings().toString()));
        }

        Duration took() {
            return run.findings().outcome(UdpProbe.ID).map(ProbeOutcome::took).orElseThrow();
        }

        List<String> ids() {
            return new Diagnostician().diagnose(run).stream().map(Diagnosis::id).toList();
        }

        Diagnosis diagnosis(String id) {
            return new Diagnostician().diagnose(run).stream().filter(d -> d.id().equals(id)).findFirst()
                    .orElseThrow(() -> new AssertionError(id + " not in " + ids()));
        }
    }

    static Checked check(ConnectionHandler handler) throws IOException {
        return check(handler, OPTIONS);
    }

    static Checked check(ConnectionHandler handler, ProbeOptions options) throws IOException {
        List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
        ConnectionHandler recorded = handler instanceof UdpListening udp
                ? new UdpListening(udp.tcp(), recording(udp.udp(), received)) : handler;
        try (LabHost host = LabHost.start("udp", recorded)) {
            CheckRun run = Probes.standardRunner().run(new Target(LAB_NAME, host.port(), LAB_NAME + ":" + host.port()), options);
            return new Checked(run, List.copyOf(received), host.datagramsReceived());
        }
    }

    private static DatagramHandler recording(DatagramHandler inner, List<byte[]> received) {
        return datagram -> {
            received.add(datagram);
            return inner.answer(datagram);
        };
    }

    @Test
    void version2Server_answersTheFirstSyn_version2WithItsMtusAndWindow() throws Exception {
        Checked checked = check(UdpHosts.udpVersion2());
        UdpResult udp = checked.udp();
        assertEquals(UdpState.ANSWERED, udp.state(), udp.toString());
        assertTrue(udp.answered());
        assertEquals(Optional.of(2), udp.version());
        assertEquals(Optional.of(2), udp.versionCode());
        assertEquals(Optional.of(1232), udp.upstreamMtu());
        assertEquals(Optional.of(1232), udp.downstreamMtu());
        assertEquals(Optional.of(64), udp.receiveWindow());
        assertEquals(1, udp.synsSent());
        assertEquals(3, udp.offeredVersion(), "the first SYN offers version 3, as mstsc does");
        assertEquals(1, checked.datagrams(), "one SYN, answered: no resend");
        assertFalse(checked.ids().contains("udp.unavailable"), checked.ids().toString());
    }

    @Test
    void everySyn_isWellFormedAndPaddedTo1232_withSnSourceAckMinusOne() throws Exception {
        Checked checked = check(UdpHosts.udpSilent());
        assertEquals(2, checked.received().size(), "silence: one SYN and exactly one resend");
        List<Long> sequences = new ArrayList<>();
        for (byte[] datagram : checked.received()) {
            assertEquals(Syn.PADDED_LENGTH, datagram.length);
            Syn syn = Syn.decode(datagram);
            assertEquals(FecHeader.NO_ACK, syn.header().sourceAck());
            assertTrue(syn.data().upstreamMtu() >= SynData.MIN_MTU && syn.data().upstreamMtu() <= SynData.MAX_MTU);
            sequences.add(syn.initialSequenceNumber());
        }
        assertEquals(Optional.of(UdpVersion.V3), Syn.decode(checked.received().get(0)).offered());
        assertTrue(Syn.decode(checked.received().get(0)).cookieHash().isPresent());
        assertEquals(Optional.of(UdpVersion.V2), Syn.decode(checked.received().get(1)).offered());
        assertTrue(sequences.get(0) != sequences.get(1) || sequences.get(0) == 0, "each SYN its own random sequence number");
    }

    @Test
    void version1Server_answersWithoutSynDataEx_version1AndTheSmallestMtu() throws Exception {
        UdpResult udp = check(UdpHosts.udpVersion1()).udp();
        assertEquals(UdpState.ANSWERED, udp.state(), udp.toString());
        assertEquals(Optional.of(1), udp.version());
        assertEquals(Optional.empty(), udp.versionCode(), "no RDPUDP_SYNDATAEX_PAYLOAD");
        assertEquals(Optional.of(SynData.MIN_MTU), udp.upstreamMtu());
    }

    @Test
    void version3Server_choosesVersion3() throws Exception {
        UdpResult udp = check(UdpHosts.udpVersion3()).udp();
        assertEquals(Optional.of(3), udp.version(), udp.toString());
        assertEquals(Optional.of(0x0101), udp.versionCode());
        assertEquals("yes (v3)", udp.summary());
    }

    @Test
    void version3ServerDroppingUnknownCookies_answersTheVersion2Resend() throws Exception {
        Checked checked = check(UdpHosts.udpVersion3CheckingCookies());
        UdpResult udp = checked.udp();
        assertEquals(UdpState.ANSWERED, udp.state(), udp.toString());
        assertEquals(Optional.of(2), udp.version());
        assertEquals(2, udp.synsSent());
        assertEquals(2, udp.offeredVersion());
        assertEquals(2, checked.datagrams());
    }

    @Test
    void closedUdpPort_isClosedFromTheIcmpAnswer_atOnceAndWithoutResend() throws Exception {
        Checked checked = check(LabHosts.healthy());
        UdpResult udp = checked.udp();
        assertEquals(UdpState.CLOSED, udp.state(), udp.toString());
        assertEquals(1, udp.synsSent());
        // ICMP comes back at once; a silent port would take two windows (one SYN, one resend)
        assertTrue(checked.took().compareTo(UdpProbe.MIN_WINDOW.multipliedBy(2)) < 0, checked.took().toString());
        Diagnosis unavailable = checked.diagnosis("udp.unavailable");
        assertEquals(Severity.INFO, unavailable.severity());
        assertEquals("healthy", checked.ids().get(0), "UDP off leaves the healthy verdict: " + checked.ids());
        assertTrue(unavailable.evidence().get(0).contains("closed"), unavailable.evidence().toString());
        assertTrue(new Report(checked.run().target(), checked.run().startedAt(), 0, "", List.of(), checked.run().findings())
                .facts().stream().anyMatch(f -> f.label().equals("udp") && f.value().startsWith("closed: ICMP port unreachable on UDP ")));
    }

    @Test
    void silentUdpPort_isNoAnswerAfterTwoSyns_boundedByTwoWindows() throws Exception {
        Checked checked = check(UdpHosts.udpSilent());
        UdpResult udp = checked.udp();
        assertEquals(UdpState.NO_ANSWER, udp.state(), udp.toString());
        assertEquals(2, udp.synsSent());
        assertEquals(2 * Syn.PADDED_LENGTH, udp.bytesSent());
        Duration window = UdpProbe.MIN_WINDOW; // loopback: a few round trips are below the minimum
        assertTrue(checked.took().compareTo(window.multipliedBy(2)) >= 0, checked.took().toString());
        assertTrue(checked.took().compareTo(window.multipliedBy(2).plusMillis(400)) < 0, checked.took().toString());
        assertTrue(checked.ids().contains("udp.unavailable"), checked.ids().toString());
    }

    @Test
    void garbageOnTheUdpPort_isNotRdpUdp_withWhatCameBack() throws Exception {
        Checked checked = check(UdpHosts.udpGarbage());
        UdpResult udp = checked.udp();
        assertEquals(UdpState.NOT_RDP_UDP, udp.state(), udp.toString());
        assertTrue(udp.detail().contains("22 bytes that are not a SYN+ACK"), udp.detail());
        assertEquals(1, udp.synsSent(), "an answer of any kind: no resend");
        assertEquals(Severity.INFO, checked.diagnosis("udp.not-rdp").severity());
        assertFalse(checked.ids().contains("udp.unavailable"), "UDP answered, only not as RDP-UDP: " + checked.ids());
    }

    @Test
    void reflector_isOversized_readBoundedAndAWarning() throws Exception {
        Checked checked = check(UdpHosts.udpReflector());
        UdpResult udp = checked.udp();
        assertEquals(UdpState.OVERSIZED, udp.state(), udp.toString());
        assertFalse(udp.answered());
        assertEquals(1, udp.synsSent());
        assertTrue(udp.datagramsReceived() <= UdpProbe.MAX_DATAGRAMS, udp.toString());
        assertTrue(udp.bytesReceived() <= (long) UdpProbe.MAX_DATAGRAMS * UdpProbe.KEEP_BYTES, udp.toString());
        assertTrue(udp.detail().contains("longer than any SYN+ACK"), udp.detail());
        Diagnosis reflector = checked.diagnosis("udp.not-rdp");
        assertEquals(Severity.WARNING, reflector.severity());
        assertTrue(reflector.title().contains("Something other than RDP-UDP"), reflector.title());
        assertFalse(checked.ids().contains("healthy"), checked.ids().toString());
    }

    @Test
    void notAnRdpServer_sendsNoDatagramAtAll() throws Exception {
        Checked checked = check(new UdpListening(LabHosts.http(), datagram -> List.of()));
        assertTrue(checked.run().findings().outcome(UdpProbe.ID).orElseThrow() instanceof ProbeOutcome.Skipped,
                checked.run().findings().toString());
        assertEquals(0, checked.datagrams());
    }

    @Test
    void internetFacingHost_answeringUdp_isAWarning_closedUdpIsNotReported() throws Exception {
        ProbeOptions facing = OPTIONS.withExposure((host, address) -> address.isLoopbackAddress());
        Checked open = check(UdpHosts.udpVersion2(), facing);
        assertTrue(open.udp().internetFacing());
        Diagnosis warning = open.diagnosis("udp.internet-facing");
        assertEquals(Severity.WARNING, warning.severity());
        assertTrue(warning.title().contains("internet-facing"), warning.title());
        Checked closed = check(LabHosts.healthy(), facing);
        assertFalse(closed.ids().contains("udp.unavailable"), "closed is what an internet-facing host should be: " + closed.ids());
        assertFalse(closed.ids().contains("udp.internet-facing"), closed.ids().toString());
        assertFalse(check(UdpHosts.udpVersion2(), OPTIONS.withExposure(Exposure.NONE)).ids().contains("udp.internet-facing"));
    }
}

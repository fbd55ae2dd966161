package rdpcheck.probes.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.Target;
import rdpcheck.probes.TargetParser;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;

/** Names resolve from the repository's test-hosts file (see pom.xml): no DNS query leaves the machine. */
class DnsAndTcpProbeTest {

    private static final ProbeOptions FAST = ProbeOptions.defaults().withDeadline(Duration.ofSeconds(4))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500));
    private final ProbeRunner runner = new ProbeRunner(List.of(new DnsProbe(), new TcpProbe()));

    @Test
    void dns_unknownName_isNoSuchNameAndTcpIsSkipped() throws Exception {
        CheckRun run = runner.run(TargetParser.parse("nosuch.rdpcheck.test"), FAST);
        DnsResult dns = run.findings().result(DnsProbe.ID).orElseThrow();
        assertEquals(DnsResult.DnsStatus.NO_SUCH_NAME, dns.status());
        assertTrue(dns.addresses().isEmpty());
        assertInstanceOf(ProbeOutcome.Skipped.class, run.findings().outcome(TcpProbe.ID).orElseThrow());
    }

    @Test
    void dns_addressLiteral_isNotLookedUp() throws Exception {
        CheckRun run = runner.run(TargetParser.parse("[::1]:1"), FAST);
        DnsResult dns = run.findings().result(DnsProbe.ID).orElseThrow();
        assertEquals(DnsResult.DnsStatus.LITERAL, dns.status());
        assertEquals(List.of("::1"), dns.addresses());
    }

    @Test
    void tcp_dualStackName_triesEveryAddressAndUsesTheOneThatAnswers() throws Exception {
        try (LabHost host = LabHost.start("v4", InetAddress.getByName("127.0.0.1"), 0, LabHosts.negotiate())) {
            CheckRun run = runner.run(new Target("dual.rdpcheck.test", host.port(), "dual.rdpcheck.test"), FAST);
            DnsResult dns = run.findings().result(DnsProbe.ID).orElseThrow();
            assertEquals(DnsResult.DnsStatus.RESOLVED, dns.status());
            assertTrue(dns.addresses().containsAll(List.of("127.0.0.1", "::1")), dns.addresses().toString());
            TcpResult tcp = run.findings().result(TcpProbe.ID).orElseThrow();
            assertEquals(2, tcp.attempts().size());
            assertEquals("127.0.0.1", tcp.firstConnectedAttempt().orElseThrow().address());
            TcpResult.AddressAttempt v6 = tcp.attempts().stream().filter(a -> a.address().equals("::1")).findFirst().orElseThrow();
            assertTrue(v6.state() == TcpState.REFUSED || v6.state() == TcpState.UNREACHABLE, v6.toString());
        }
    }

    @Test
    void tcp_nameWithTwentyAddresses_connectsOnlyToTheCap_andSaysHowManyWereSkipped() throws Exception {
        rdpcheck.probes.AddressGate capFour = gate(4, host -> List.of());
        try (LabHost host = LabHost.start("sweep", InetAddress.getByName("127.0.1.1"), 0, LabHosts.negotiate())) {
            CheckRun run = runner.run(new Target("sweep.rdpcheck.test", host.port(), "sweep.rdpcheck.test"),
                    FAST.withGate(capFour));
            TcpResult tcp = run.findings().result(TcpProbe.ID).orElseThrow();
            assertEquals(20, tcp.attempts().size(), tcp.toString());
            long tried = tcp.attempts().stream().filter(a -> a.state() != TcpState.DENIED_BY_POLICY).count();
            assertEquals(4, tried, "one name may not become a sweep of its addresses: " + tcp);
            TcpResult.AddressAttempt skipped = tcp.attempts().get(19);
            assertEquals(TcpState.DENIED_BY_POLICY, skipped.state());
            assertTrue(skipped.detail().contains("20 addresses") && skipped.detail().contains("at most 4"), skipped.detail());
            assertEquals(4, tcp.checked());
            assertEquals(16, tcp.notChecked());
            String address = rdpcheck.probes.report.Report.of(run, new rdpcheck.probes.diagnosis.Diagnostician()).facts()
                    .stream().filter(f -> f.label().equals("address")).findFirst().orElseThrow().value();
            assertTrue(address.endsWith("; 16 more addresses not checked (rdpcheck checks a few addresses of one name)")
                    && !address.contains("127.0.1.5"), "the skipped addresses are counted, not listed: " + address);
        }
    }

    @Test
    void dns_policyNamesTheNamesToResolve_onlyThoseAreLookedUp_firstThatResolvesWins() throws Exception {
        rdpcheck.probes.AddressGate admitted = gate(Integer.MAX_VALUE, host -> host.equals("rdp01")
                ? List.of("missing.rdpcheck.test", "lab.rdpcheck.test") : List.of("missing.rdpcheck.test"));
        DnsResult found = runner.run(new Target("rdp01", 3389, "rdp01"), FAST.withGate(admitted)).findings()
                .result(DnsProbe.ID).orElseThrow();
        assertEquals(List.of("127.0.0.1"), found.addresses(), "rdp01 itself does not resolve; the admitted name does");
        // the typed name resolves (test-hosts lists it), but the policy did not admit it: it is not looked up
        DnsResult refused = runner.run(new Target("dual.rdpcheck.test", 3389, "dual.rdpcheck.test"), FAST.withGate(admitted))
                .findings().result(DnsProbe.ID).orElseThrow();
        assertEquals(DnsResult.DnsStatus.NO_SUCH_NAME, refused.status(), refused.toString());
        assertTrue(refused.detail().contains("missing.rdpcheck.test: no such name"), refused.detail());
    }

    /** Every address allowed, at most {@code max} of one name, the names to look up from {@code names}. */
    private static rdpcheck.probes.AddressGate gate(int max, java.util.function.Function<String, List<String>> names) {
        return new rdpcheck.probes.AddressGate() {
            @Override
            public java.util.Optional<String> refusal(InetAddress address, int port) {
                return java.util.Optional.empty();
            }

            @Override
            public int maxAddressesPerName() {
                return max;
            }

            @Override
            public List<String> namesToResolve(String host) {
                return names.apply(host);
            }
        };
    }

    @Test
    void hostsFile_listsANameInAnyPosition_commentsIgnored(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path hosts = java.nio.file.Files.writeString(dir.resolve("hosts"),
                "127.0.0.1 localhost\n10.0.0.5 rdp01.corp.example RDP01 # rdp02.corp.example\n");
        assertTrue(HostsFile.lists(hosts, "rdp01"));
        assertTrue(HostsFile.lists(hosts, "rdp01.corp.example"));
        assertTrue(!HostsFile.lists(hosts, "rdp02.corp.example"), "in a comment");
        assertTrue(!HostsFile.lists(dir.resolve("missing"), "rdp01"));
    }

    @Test
    void tcp_ipv6Loopback_connects() throws IOException, Exception {
        try (LabHost host = LabHost.start("v6", InetAddress.getByName("::1"), 0, LabHosts.negotiate())) {
            CheckRun run = runner.run(TargetParser.parse("[::1]:" + host.port()), FAST);
            assertTrue(run.findings().result(TcpProbe.ID).orElseThrow().anyConnected());
        }
    }

    @Test
    void tcp_blackHoledAddresses_areWaitedForSideBySide() throws Exception {
        // A listener that never accepts, with its accept queue full, drops further SYNs: a black hole.
        List<java.net.ServerSocket> holes = new java.util.ArrayList<>();
        List<java.net.Socket> fillers = new java.util.ArrayList<>();
        try (LabHost host = LabHost.start("live", InetAddress.getByName("127.0.0.1"), 0, LabHosts.negotiate())) {
            for (String address : List.of("127.0.0.3", "127.0.0.4")) {
                java.net.ServerSocket hole = new java.net.ServerSocket();
                hole.bind(new java.net.InetSocketAddress(address, host.port()), 1);
                holes.add(hole);
                for (int i = 0; i < 3; i++) {
                    java.net.Socket filler = new java.net.Socket();
                    try {
                        filler.connect(hole.getLocalSocketAddress(), 200);
                    } catch (IOException full) {
                        // the queue is full: what we wanted
                    }
                    fillers.add(filler);
                }
            }
            ProbeOptions oneSecondConnects = FAST.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500));
            CheckRun run = runner.run(new Target("split.rdpcheck.test", host.port(), "split.rdpcheck.test"), oneSecondConnects);
            TcpResult tcp = run.findings().result(TcpProbe.ID).orElseThrow();
            assertEquals(3, tcp.attempts().size(), tcp.toString());
            assertEquals("127.0.0.1", tcp.firstConnectedAttempt().orElseThrow().address());
            assertEquals(2, tcp.attempts().stream().filter(a -> a.state() == TcpState.TIMED_OUT).count(), tcp.toString());
            Duration took = run.findings().outcome(TcpProbe.ID).orElseThrow().took();
            assertTrue(took.toMillis() < 1800, "two 1 s timeouts side by side, not in a row: took " + took.toMillis() + " ms");
        } finally {
            for (java.net.Socket filler : fillers) {
                filler.close();
            }
            for (java.net.ServerSocket hole : holes) {
                hole.close();
            }
        }
    }

    @Test
    void blackHoledPort_isDiagnosedAsTcpTimeout_notRefused() throws Exception {
        // Real bytes for tcp.timeout: SYNs to a listener whose accept queue is full go unanswered,
        // which is what a firewall that drops (rather than rejects) looks like to a client.
        java.net.ServerSocket hole = new java.net.ServerSocket();
        hole.bind(new java.net.InetSocketAddress("127.0.0.3", 0), 1);
        List<java.net.Socket> fillers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                java.net.Socket filler = new java.net.Socket();
                try {
                    filler.connect(hole.getLocalSocketAddress(), 200);
                } catch (IOException full) {
                    // the queue is full: what we wanted
                }
                fillers.add(filler);
            }
            Target target = new Target("127.0.0.3", hole.getLocalPort(), "127.0.0.3:" + hole.getLocalPort());
            CheckRun run = rdpcheck.probes.Probes.standardRunner().run(target, FAST);
            List<String> ids = new rdpcheck.probes.diagnosis.Diagnostician().diagnose(run).stream()
                    .map(rdpcheck.probes.diagnosis.Diagnosis::id).toList();
            assertEquals("tcp.timeout", ids.get(0), ids.toString());
        } finally {
            for (java.net.Socket filler : fillers) {
                filler.close();
            }
            hole.close();
        }
    }

    @Test
    void isTemporary_glibcTryAgain_isNotNoSuchName() {
        assertTrue(DnsProbe.isTemporary("rdp01: Temporary failure in name resolution"));
        assertTrue(!DnsProbe.isTemporary("rdp01: Name or service not known"));
    }
}

package rdpcheck.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.net.DnsResult;
import rdpcheck.probes.net.DnsResult.DnsStatus;
import rdpcheck.probes.net.DnsProbe;

/** A probe's declared endpoint becomes an address only through the address gate, for UDP and other hosts too. */
class EndpointTest {

    private static final Target TARGET = new Target("127.0.0.1", 3389, "127.0.0.1");
    private static final AddressGate NO_LOOPBACK = (address, port) ->
            address.isLoopbackAddress() ? Optional.of("loopback is not allowed") : Optional.empty();

    private static ProbeContext context(AddressGate gate) {
        Findings findings = new Findings(Map.of(DnsProbe.ID, new ProbeOutcome.Completed(
                new DnsResult(DnsStatus.LITERAL, List.of("127.0.0.1"), 0, ""), Duration.ZERO)));
        return new ProbeContext(TARGET, ProbeOptions.defaults().withGate(gate), findings, Deadline.after(Duration.ofSeconds(5)));
    }

    @Test
    void address_udpOnTheTargetsPortOrAFixedPort_usesTheResolvedAddress() throws Exception {
        ProbeContext context = context(AddressGate.ALLOW_ALL);
        assertEquals(new InetSocketAddress("127.0.0.1", 3389), context.address(new Endpoint.TargetPort(Transport.UDP)));
        assertEquals(new InetSocketAddress("127.0.0.1", 3391), context.address(new Endpoint.FixedPort(3391, Transport.UDP)));
    }

    @Test
    void address_udpOnTheTargetsPort_isTheAddressWhoseTcpServiceTheOtherProbesSaw() throws Exception {
        Findings findings = new Findings(Map.of(
                rdpcheck.probes.net.DnsProbe.ID, new ProbeOutcome.Completed(new DnsResult(DnsStatus.RESOLVED, List.of("127.0.0.2", "127.0.0.1"), 0, ""),
                        Duration.ZERO),
                rdpcheck.probes.net.TcpProbe.ID, new ProbeOutcome.Completed(new rdpcheck.probes.net.TcpResult(List.of(
                        new rdpcheck.probes.net.TcpResult.AddressAttempt("127.0.0.2", rdpcheck.probes.net.TcpState.REFUSED, List.of(), ""),
                        new rdpcheck.probes.net.TcpResult.AddressAttempt("127.0.0.1", rdpcheck.probes.net.TcpState.CONNECTED,
                                List.of(0.2), ""))), Duration.ZERO)));
        Target named = new Target("lab.rdpcheck.test", 3389, "lab.rdpcheck.test");
        ProbeContext context = new ProbeContext(named, ProbeOptions.defaults(), findings, Deadline.after(Duration.ofSeconds(5)));
        assertEquals(new InetSocketAddress("127.0.0.1", 3389), context.address(new Endpoint.TargetPort(Transport.UDP)));
        AddressGate notThereOnUdp = (address, port) -> address.getHostAddress().equals("127.0.0.1") && port == 3391
                ? Optional.of("not on 3391") : Optional.empty();
        ProbeContext gated = new ProbeContext(named, ProbeOptions.defaults().withGate(notThereOnUdp), findings,
                Deadline.after(Duration.ofSeconds(5)));
        assertEquals(new InetSocketAddress("127.0.0.2", 3391), gated.address(new Endpoint.FixedPort(3391, Transport.UDP)),
                "where the gate refuses the connected address on that port, the first allowed resolved address");
    }

    @Test
    void address_gateRefuses_probeIsSkippedWithTheReason() {
        ProbeSkipped skipped = assertThrows(ProbeSkipped.class,
                () -> context(NO_LOOPBACK).address(new Endpoint.FixedPort(3391, Transport.UDP)));
        assertTrue(skipped.getMessage().contains("loopback is not allowed"), skipped.getMessage());
    }

    @Test
    void address_otherHost_isLookedUpAndGated() throws Exception {
        // lab.rdpcheck.test is 127.0.0.1 in test-hosts
        assertEquals(new InetSocketAddress("127.0.0.1", 443),
                context(AddressGate.ALLOW_ALL).address(new Endpoint.OtherHost("lab.rdpcheck.test", 443, Transport.TCP)));
        ProbeSkipped denied = assertThrows(ProbeSkipped.class,
                () -> context(NO_LOOPBACK).address(new Endpoint.OtherHost("lab.rdpcheck.test", 443, Transport.TCP)));
        assertTrue(denied.getMessage().contains("policy allows none"), denied.getMessage());
        ProbeSkipped unknown = assertThrows(ProbeSkipped.class,
                () -> context(AddressGate.ALLOW_ALL).address(new Endpoint.OtherHost("no-such-gw.rdpcheck.test", 443, Transport.TCP)));
        assertTrue(unknown.getMessage().contains("did not resolve"), unknown.getMessage());
    }

    @Test
    void address_targetPortOverTcp_withoutAConnection_isSkipped() {
        assertThrows(ProbeSkipped.class, () -> context(AddressGate.ALLOW_ALL).address(Endpoint.target()));
    }
}

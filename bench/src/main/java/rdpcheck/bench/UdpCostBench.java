package rdpcheck.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.UdpHosts;
import rdpcheck.probes.Probe;
import rdpcheck.probes.udp.UdpProbe;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeOutcome;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;

/**
 * (e) What the udp probe adds to a check: the standard runner against the same runner without it,
 * on loopback, for a host whose UDP port is closed (ICMP), one that answers RDP-UDP and one that
 * stays silent (the probe's longest wait: two windows). Runs alternate, so load drifts hit both.
 */
final class UdpCostBench {

    private final StringBuilder md;
    private final boolean quick;

    UdpCostBench(StringBuilder md, boolean quick) {
        this.md = md;
        this.quick = quick;
    }

    void run() throws Exception {
        Map<String, ConnectionHandler> hosts = new LinkedHashMap<>();
        hosts.put("LabHosts.healthy() (UDP closed)", LabHosts.healthy());
        hosts.put("UdpHosts.udpVersion2() (answers v2)", UdpHosts.udpVersion2());
        hosts.put("UdpHosts.udpSilent() (no answer)", UdpHosts.udpSilent());
        List<Probe<?>> withoutUdp = new ArrayList<>(Probes.standard());
        withoutUdp.removeIf(p -> p.id() == UdpProbe.ID);
        ProbeRunner before = new ProbeRunner(withoutUdp);
        ProbeRunner after = Probes.standardRunner();
        ProbeOptions options = ProbeOptions.defaults().withDeadline(Duration.ofSeconds(20));
        int runs = quick ? 5 : 21;

        md.append("## (e) RDP-UDP: what the udp probe adds to one check\n\n");
        md.append("Loopback, ").append(runs).append(" checks each, the runner without the udp probe and the standard one"
                + " alternating after 5 warm-up checks of each. The udp probe starts when the negotiation is done and runs"
                + " beside tls/credssp/session; its own time is the probe's `millis`.\n\n");
        md.append("| host | without udp: median wall | with udp: median wall | difference | udp probe median | udp p90 |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Map.Entry<String, ConnectionHandler> entry : hosts.entrySet()) {
            try (LabHost host = LabHost.start("bench-udp", entry.getValue())) {
                Target target = host.target();
                for (int i = 0; i < 5; i++) {
                    before.run(target, options);
                    after.run(target, options);
                }
                List<Double> wallBefore = new ArrayList<>();
                List<Double> wallAfter = new ArrayList<>();
                List<Double> udp = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    wallBefore.add(wall(before, target, options, null));
                    wallAfter.add(wall(after, target, options, udp));
                }
                Stats b = Stats.of(wallBefore);
                Stats a = Stats.of(wallAfter);
                Stats u = Stats.of(udp);
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %+.1f ms | %s | %s |%n", entry.getKey(),
                        Stats.ms(b.median()), Stats.ms(a.median()), a.median() - b.median(), Stats.ms(u.median()),
                        Stats.ms(u.pct(90))));
            }
        }
        md.append('\n');
    }

    private static double wall(ProbeRunner runner, Target target, ProbeOptions options, List<Double> udp) {
        long started = System.nanoTime();
        var run = runner.run(target, options);
        double wall = (System.nanoTime() - started) / 1e6;
        if (udp != null) {
            run.findings().outcome(UdpProbe.ID).map(ProbeOutcome::took).ifPresent(d -> udp.add(d.toNanos() / 1e6));
        }
        return wall;
    }
}

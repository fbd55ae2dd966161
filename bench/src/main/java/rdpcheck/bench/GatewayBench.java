package rdpcheck.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabGateway;
import rdpcheck.lab.LabHost;
import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.probes.gateway.GatewayProbes;

/**
 * (g) What the RD Gateway probes add to a check, on loopback: a host checked directly against the
 * same host checked {@code via} a lab gateway (the gateway probes run beside the host's), a gateway
 * checked itself, and each gateway probe's own time, with the UDP transport answering and silent.
 */
final class GatewayBench {

    private final StringBuilder md;
    private final ConnectionHandler host;
    private final String hostName;
    private final int runs;

    GatewayBench(StringBuilder md, ConnectionHandler host, String hostName, boolean quick) {
        this.md = md;
        this.host = host;
        this.hostName = hostName;
        this.runs = quick ? 5 : 25;
    }

    void run() throws Exception {
        ProbeOptions options = ProbeOptions.defaults().withDeadline(Duration.ofSeconds(10));
        md.append("## (g) RD Gateway probes: what they add to a check\n\n");
        md.append("Loopback, ").append(runs).append(" runs each after two warm-ups; host ").append(hostName)
                .append(", gateway `LabGateway` (healthy: TLS 1.3, Negotiate + NTLM, WebSocket, RPC over HTTP, DTLS).\n\n");
        md.append("| check | median | p90 |\n|---|---|---|\n");
        Map<ProbeId<?>, List<Double>> probeMillis = new LinkedHashMap<>();
        try (LabHost lab = LabHost.start("bench-gw-host", host);
             LabGateway gateway = LabGateway.start(LabGateway.Personality.healthy());
             LabGateway silent = LabGateway.start(LabGateway.Personality.healthy().named("udp-silent")
                     .withUdp(LabGateway.Udp.SILENT))) {
            Stats direct = time(lab.target(), gateway, options, null);
            Stats via = time(gateway.via(lab.target()), gateway, options, probeMillis);
            Stats itself = time(gateway.target(), gateway, options, null);
            Map<ProbeId<?>, List<Double>> silentMillis = new LinkedHashMap<>();
            Stats udpSilent = time(silent.target(), silent, options, silentMillis);
            row("direct (host only)", direct);
            row("via (host and its gateway)", via);
            row("gateway itself (`--gateway`)", itself);
            row("gateway itself, UDP 3391 silent", udpSilent);
            md.append("\nThe gateway probes add ").append(Stats.ms(via.median() - direct.median()))
                    .append(" to the host's check (median of via minus median of direct): they run beside the host's probes.\n\n");
            md.append("| gateway probe | median | p90 |\n|---|---|---|\n");
            for (ProbeId<?> id : List.of(GatewayProbes.TLS, GatewayProbes.CERTIFICATE, GatewayProbes.HTTP, GatewayProbes.UDP)) {
                row("`" + id.label() + "`", Stats.of(probeMillis.getOrDefault(id, List.of())));
            }
            row("`gateway-udp`, UDP silent (two ClientHellos, 1 s apart)", Stats.of(silentMillis.getOrDefault(GatewayProbes.UDP,
                    List.of())));
            md.append('\n');
        }
    }

    private Stats time(Target target, LabGateway gateway, ProbeOptions options, Map<ProbeId<?>, List<Double>> perProbe) {
        ProbeRunner runner = new ProbeRunner(Probes.forTarget(target, gateway.udpPort()));
        List<Double> walls = new ArrayList<>();
        for (int i = -2; i < runs; i++) {
            long started = System.nanoTime();
            CheckRun run = runner.run(target, options);
            double wall = (System.nanoTime() - started) / 1_000_000.0;
            if (i < 0) {
                continue; // warm-up
            }
            walls.add(wall);
            if (perProbe != null) {
                run.findings().outcomes().forEach((id, outcome) ->
                        perProbe.computeIfAbsent(id, k -> new ArrayList<>()).add(outcome.took().toNanos() / 1_000_000.0));
            }
        }
        return Stats.of(walls);
    }

    private void row(String name, Stats stats) {
        md.append("| ").append(name).append(" | ").append(Stats.ms(stats.median())).append(" | ").append(Stats.ms(stats.pct(90)))
                .append(" |\n");
    }
}

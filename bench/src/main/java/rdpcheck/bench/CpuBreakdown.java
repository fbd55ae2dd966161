package rdpcheck.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabHost;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.rdp.mcs.SecurityLayerProbe;
import rdpcheck.probes.net.DnsProbe;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.cert.CertificateProbe;
import rdpcheck.probes.net.TcpProbe;

/**
 * The fleet's profile by subtraction: the CPU one check costs (checker and lab host together, one
 * JVM, checks one after another) with the probe set growing one probe at a time, so the step from
 * one row to the next is what that probe costs. Sampling profilers see little in a fleet run, whose
 * thousand threads are mostly blocked; this measures the CPU itself.
 */
final class CpuBreakdown {

    private final StringBuilder md;
    private final ConnectionHandler handler;
    private final String handlerName;
    private final boolean quick;

    CpuBreakdown(StringBuilder md, ConnectionHandler handler, String handlerName, boolean quick) {
        this.md = md;
        this.handler = handler;
        this.handlerName = handlerName;
        this.quick = quick;
    }

    void run() throws Exception {
        Map<String, Set<ProbeId<?>>> steps = new LinkedHashMap<>();
        steps.put("dns, tcp", Set.of(DnsProbe.ID, TcpProbe.ID));
        steps.put("+ negotiation", Set.of(DnsProbe.ID, TcpProbe.ID, NegotiationProbe.ID));
        steps.put("+ security-layer", Set.of(DnsProbe.ID, TcpProbe.ID, NegotiationProbe.ID, SecurityLayerProbe.ID));
        steps.put("+ tls", Set.of(DnsProbe.ID, TcpProbe.ID, NegotiationProbe.ID, SecurityLayerProbe.ID, TlsProbe.ID));
        steps.put("+ certificate", Set.of(DnsProbe.ID, TcpProbe.ID, NegotiationProbe.ID, SecurityLayerProbe.ID, TlsProbe.ID,
                CertificateProbe.ID));
        steps.put("+ credssp (all probes)", Set.copyOf(Probes.standardRunner().plan()));
        int checks = quick ? 40 : 150;
        ProbeOptions options = ProbeOptions.defaults();
        Diagnostician diagnostician = new Diagnostician();

        md.append("### Where a fleet host's CPU goes\n\n");
        md.append("One JVM, one lab host (`").append(handlerName).append("`), ").append(checks)
                .append(" checks one after another after a warm-up, the probe set growing a probe per row: CPU is the"
                        + " process's (checker and lab host together), per check. The last row adds the diagnosis, the"
                        + " report and its JSON, as the fleet prints them.\n\n");
        md.append("| probes | CPU per check | step | connections per check |\n|---|---|---|---|\n");
        try (LabHost host = LabHost.start("bench-cpu", handler)) {
            Target target = host.target();
            // JIT compilation is CPU of this process too: let it settle on the full check first
            cpuPerCheck(runner(Set.copyOf(Probes.standardRunner().plan())), target, options, checks * 2, true, diagnostician);
            double previous = 0;
            for (Map.Entry<String, Set<ProbeId<?>>> step : steps.entrySet()) {
                ProbeRunner runner = runner(step.getValue());
                double cpu = cpuPerCheck(runner, target, options, checks, false, diagnostician);
                md.append(String.format(Locale.ROOT, "| %s | %.2f ms | %+.2f ms | %s |%n", step.getKey(), cpu, cpu - previous,
                        connectionsPerCheck(runner, target, options, host)));
                previous = cpu;
            }
            ProbeRunner all = runner(Set.copyOf(Probes.standardRunner().plan()));
            double withReport = cpuPerCheck(all, target, options, checks, true, diagnostician);
            md.append(String.format(Locale.ROOT, "| + diagnosis, report, JSON | %.2f ms | %+.2f ms | |%n%n", withReport,
                    withReport - previous));
        }
    }

    private static ProbeRunner runner(Set<ProbeId<?>> ids) {
        List<Probe<?>> probes = new ArrayList<>();
        for (Probe<?> probe : Probes.standard()) {
            if (ids.contains(probe.id())) {
                probes.add(probe);
            }
        }
        return new ProbeRunner(probes);
    }

    private static String connectionsPerCheck(ProbeRunner runner, Target target, ProbeOptions options, LabHost host) {
        long before = host.connectionsAccepted();
        runner.run(target, options);
        return Long.toString(host.connectionsAccepted() - before);
    }

    private static double cpuPerCheck(ProbeRunner runner, Target target, ProbeOptions options, int checks, boolean report,
                                      Diagnostician diagnostician) {
        for (int i = 0; i < checks / 4; i++) {
            once(runner, target, options, report, diagnostician);
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        for (int i = 0; i < checks; i++) {
            once(runner, target, options, report, diagnostician);
        }
        return (os.getProcessCpuTime() - before) / 1e6 / checks;
    }

    private static void once(ProbeRunner runner, Target target, ProbeOptions options, boolean report,
                             Diagnostician diagnostician) {
        var run = runner.run(target, options);
        if (report) {
            ReportJson.write(Report.of(run, diagnostician), false);
        }
    }
}

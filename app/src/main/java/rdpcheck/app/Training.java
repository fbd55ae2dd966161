package rdpcheck.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;

/**
 * The training run {@code bin/rdpcheck} records a class-data-sharing archive (or, on JDK 25 and
 * newer, an AOT cache) from: the short commands as a user runs them, in one JVM, against lab hosts
 * on loopback (a healthy NLA host, an expired certificate, Standard RDP Security only, a closed
 * port), so every class a short command loads — Bouncy Castle's TLS client included — is in the
 * archive. Output is discarded; only what was loaded matters. Never leaves the machine.
 *
 * <p>Run as {@code java -cp rdpcheck.jar rdpcheck.app.Training}; not a subcommand, so it is not in
 * the help users read.
 */
final class Training {

    private Training() {
    }

    public static void main(String[] args) throws IOException {
        List<LabHost> hosts = new ArrayList<>();
        try {
            hosts.add(LabHost.start("training-nla", LabHosts.windowsServer2019Nla()));
            hosts.add(LabHost.start("training-expired", LabHosts.expiredSelfSigned()));
            hosts.add(LabHost.start("training-rdp-only", LabHosts.rdpOnly()));
            List<String> targets = new ArrayList<>();
            hosts.forEach(host -> targets.add("127.0.0.1:" + host.port()));
            targets.add("127.0.0.1:" + closedPort());

            run("--version");
            run("--help");
            run("check", "--help");
            run("explain", "0x904", "0x7");
            run("explain", "0x3");
            run("config", "keys");
            run("config", "check");
            for (String target : targets) {
                run("check", target, "--timeout", "10");
                run("check", target, "--json", "--timeout", "10");
            }
            run("check", targets.get(0), "--verbose", "--timeout", "10");
            List<String> fleet = new ArrayList<>(List.of("check", "--no-progress", "--timeout", "10"));
            fleet.addAll(targets);
            run(fleet.toArray(String[]::new));
            fleet.add("--json");
            run(fleet.toArray(String[]::new));
        } finally {
            hosts.forEach(LabHost::close);
        }
        System.exit(0);
    }

    private static void run(String... args) {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        Main.run(nowhere, nowhere, args);
    }

    /** A loopback port nothing listens on (just released): a refused connection. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

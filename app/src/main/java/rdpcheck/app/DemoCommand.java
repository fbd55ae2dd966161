package rdpcheck.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import rdpcheck.chat.console.ConsoleChat;
import rdpcheck.chat.Requester;
import rdpcheck.config.LoadedConfig;
import rdpcheck.lab.ConnectionHandler;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;
import rdpcheck.lab.Misbehaviours;

/**
 * {@code rdpcheck demo}: simulated RDP hosts on loopback, each broken in its own way, and the
 * console chat to check them. With piped input it answers those lines; with no input at all
 * (CI, {@code </dev/null}) it checks every host once, so the transcript shows each diagnosis.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts simulated RDP hosts on 127.0.0.1 (healthy, expired certificate, NLA required,"
                + " TLS 1.0 only, Standard RDP Security only, silent, HTTP) and opens the console chat to check them.")
final class DemoCommand implements Callable<Integer> {

    /** A demo host: what it simulates. */
    record DemoHost(String name, String what, Supplier<ConnectionHandler> handler) {
    }

    static final List<DemoHost> HOSTS = List.of(
            new DemoHost("healthy", "NLA required, TLS 1.0-1.3, valid CA-issued certificate, RDP-UDP version 3",
                    rdpcheck.lab.UdpHosts::udpVersion3),
            new DemoHost("expired-cert", "TLS required, self-signed certificate expired 30 days ago", LabHosts::expiredSelfSigned),
            new DemoHost("nla-required", "NLA required, Windows' own self-signed certificate", LabHosts::windowsServer2019Nla),
            new DemoHost("tls10-only", "an old server that speaks TLS 1.0 only", LabHosts::tls10Only),
            new DemoHost("rdp-security-only", "SecurityLayer 0: Standard RDP Security only, no TLS",
                    () -> LabHosts.rdpOnly(rdpcheck.probes.rdp.mcs.EncryptionLevel.HIGH)),
            new DemoHost("silent", "accepts TCP and never says a word", Misbehaviours::silent),
            new DemoHost("http", "an HTTP server on the RDP port", LabHosts::http));

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        Main.bridgeJavaUtilLogging();
        PrintWriter out = spec.commandLine().getOut();
        LoadedConfig loaded = config.load(spec.commandLine().getErr()).orElse(null);
        if (loaded == null) {
            return Main.EXIT_USAGE;
        }
        List<LabHost> started = new ArrayList<>();
        try (BotRuntime runtime = new BotRuntime(loaded.settings(), rdpcheck.chat.policy.Platform.CONSOLE)) {
            List<String> moved = new ArrayList<>();
            for (int i = 0; i < HOSTS.size(); i++) {
                DemoHost host = HOSTS.get(i);
                LabHost lab = startOn(host, FIRST_PORT + i);
                if (lab.port() != FIRST_PORT + i) {
                    moved.add(host.name() + " on " + lab.port() + " (" + (FIRST_PORT + i) + " is taken)");
                }
                started.add(lab);
            }
            StringBuilder intro = new StringBuilder("rdpcheck demo: simulated RDP hosts on this machine\n\n");
            for (int i = 0; i < HOSTS.size(); i++) {
                intro.append(String.format(Locale.ROOT, "  %-20s %-18s %s%n", "127.0.0.1:" + started.get(i).port(),
                        HOSTS.get(i).name(), HOSTS.get(i).what()));
            }
            if (!moved.isEmpty()) {
                intro.append("\n  moved: ").append(String.join("; ", moved)).append('\n');
            }
            intro.append("\nTry: /rdpcheck 127.0.0.1:").append(started.get(0).port()).append("   or   /rdpcheck explain 0x904 0x7\n");
            intro.append("All at once, grouped by root cause: /rdpcheck");
            started.forEach(host -> intro.append(" 127.0.0.1:").append(host.port()));
            intro.append("\n\n");
            int handled = ConsoleCommand.runConsole(runtime, out, intro.toString());
            if (handled == 0 && System.console() == null) {
                tour(runtime, out, started);
            }
        } finally {
            started.forEach(LabHost::close);
        }
        return 0;
    }

    /**
     * The demo's hosts listen on 13389 and up, the same on every run (so what was tried yesterday
     * works today, and a transcript stays true); below Linux's ephemeral range (32768 and up), where
     * outgoing connections take their ports.
     */
    static final int FIRST_PORT = 13_389;

    /** {@code host} on {@code port}, or on any free port when that one is taken (another demo, another program). */
    static LabHost startOn(DemoHost host, int port) throws java.io.IOException {
        try {
            return LabHost.start(host.name(), java.net.InetAddress.getLoopbackAddress(), port, host.handler().get());
        } catch (java.net.BindException taken) {
            return LabHost.start(host.name(), host.handler().get());
        }
    }

    /** No input and no terminal: check every host once so the output shows what rdpcheck does. */
    private static void tour(BotRuntime runtime, PrintWriter out, List<LabHost> hosts) {
        out.println("No input: checking every demo host once.\n");
        ConsoleChat chat = new ConsoleChat(runtime.router(rdpcheck.chat.policy.Platform.CONSOLE), out, false, false);
        for (LabHost host : hosts) {
            String line = "/rdpcheck 127.0.0.1:" + host.port();
            out.println("you> " + line);
            chat.say(Requester.console(), line);
            out.println();
        }
        out.flush();
    }
}

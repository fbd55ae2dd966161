package rdpcheck.chat.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import rdpcheck.chat.BotPolicy;
import rdpcheck.checks.CheckService;
import rdpcheck.checks.CheckSettings;
import rdpcheck.checks.Checker;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Explainers;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.LabHosts;

class ConsoleChatTest {

    @Test
    void run_pipedLines_answersEachAsAThread_thenReturnsAtEndOfInput() throws Exception {
        try (LabHost host = LabHost.start("rdp-only", LabHosts.rdpOnly());
             CheckService service = new CheckService(Checker.standard(ProbeOptions.defaults().withDeadline(Duration.ofSeconds(5))),
                     CheckSettings.defaults(), new SimpleMeterRegistry());
             CommandRouter router = new CommandRouter(service, BotPolicy.PERMISSIVE, Explainers.errorCodes())) {
            StringWriter transcript = new StringWriter();
            ConsoleChat chat = new ConsoleChat(router, new PrintWriter(transcript), false, false);
            String target = "127.0.0.1:" + host.port();
            int handled = chat.run(new BufferedReader(new StringReader(
                    "/rdpcheck " + target + "\n\n# a comment\n/rdpcheck " + target + "\n/rdpcheck <!channel>\nexit\n/rdpcheck never")));
            String text = transcript.toString();
            assertEquals(3, handled, text);
            assertTrue(text.contains("you> /rdpcheck " + target), text);
            assertTrue(text.contains("security.ssl-not-allowed"), text);
            assertTrue(text.contains("  │ "), "thread replies are indented: " + text);
            assertTrue(text.contains("cached result from"), "the second answer says it is cached: " + text);
            assertTrue(text.contains("Cannot check that"), text);
            assertTrue(!text.contains("never"), "input after exit is not read: " + text);
            assertEquals(1, service.runsStarted());
        }
    }

    @Test
    void run_severalHosts_printsTheSummaryTableThenTheProblemHostsReport() throws Exception {
        try (LabHost rdpOnly = LabHost.start("rdp-only", LabHosts.rdpOnly());
             LabHost healthy = LabHost.start("healthy", LabHosts.healthy());
             CheckService service = new CheckService(Checker.standard(ProbeOptions.defaults().withDeadline(Duration.ofSeconds(5))),
                     CheckSettings.defaults(), new SimpleMeterRegistry());
             CommandRouter router = new CommandRouter(service, BotPolicy.PERMISSIVE, Explainers.errorCodes())) {
            StringWriter transcript = new StringWriter();
            ConsoleChat chat = new ConsoleChat(router, new PrintWriter(transcript), false, false);
            String problem = "127.0.0.1:" + rdpOnly.port();
            chat.run(new BufferedReader(new StringReader("/rdpcheck 127.0.0.1:" + healthy.port() + " " + problem + "\n")));
            String text = transcript.toString();
            assertTrue(text.contains("2 hosts checked in"), text);
            assertTrue(text.contains("HOST") && text.contains("ROOT CAUSE"), "the summary table: " + text);
            int table = text.indexOf("ROOT CAUSE");
            int report = text.indexOf("rdpcheck: " + problem + ":");
            assertTrue(report > table, "the problem host's report follows the table: " + text);
            assertTrue(text.indexOf("security.ssl-not-allowed", report) > report, text);
            assertEquals(2, service.runsStarted());
        }
    }

    @Test
    void bareTerminalWord_isAnsweredAsNotAHost_andNothingIsProbed_whileABareHostNameIsStillChecked() throws Exception {
        try (CheckService service = new CheckService(Checker.standard(ProbeOptions.defaults().withDeadline(Duration.ofSeconds(5))),
                     CheckSettings.defaults(), new SimpleMeterRegistry());
             CommandRouter router = new CommandRouter(service, BotPolicy.PERMISSIVE, Explainers.errorCodes())) {
            StringWriter transcript = new StringWriter();
            ConsoleChat chat = new ConsoleChat(router, new PrintWriter(transcript), false, false);
            int handled = chat.run(new BufferedReader(new StringReader("clear\n/clear\nhelp\n")));
            String text = transcript.toString();
            assertEquals(3, handled, text);
            assertTrue(text.contains("rdpcheck: `clear` is not a host; try /rdpcheck help (to check a host named clear,"
                    + " type /rdpcheck clear)"), text);
            assertTrue(text.contains("rdpcheck: `/clear` is not a command here; try /rdpcheck help"), text);
            assertTrue(text.contains("0x904"), "bare help is answered as /rdpcheck help: " + text);
            assertEquals(0, service.runsStarted(), "nothing was probed");

            // a single-label name is a legitimate host: still checked (here it does not resolve, from the test hosts file)
            chat.run(new BufferedReader(new StringReader("rdp01\n")));
            assertEquals(1, service.runsStarted());
            assertTrue(transcript.toString().contains("dns.unresolvable"), transcript.toString());
        }
    }
}

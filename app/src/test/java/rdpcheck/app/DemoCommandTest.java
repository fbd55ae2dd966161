package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code rdpcheck demo} without a terminal: piped lines are answered; no input at all checks every host once. */
class DemoCommandTest {

    private final InputStream stdin = System.in;

    @AfterEach
    void restore() {
        System.setIn(stdin);
    }

    @Test
    void demo_pipedHelp_listsHostsAndAnswers() {
        String out = run("/rdpcheck help\n/rdpcheck explain 0x904 0x7\n");
        for (DemoCommand.DemoHost host : DemoCommand.HOSTS) {
            assertTrue(out.contains(host.name()), out);
        }
        assertTrue(out.contains("you> /rdpcheck help"), out);
        assertTrue(out.contains("diagnoses why a host"), out);
        assertTrue(out.contains("0x904"), out);
        assertTrue(!out.contains("No input"), out);
    }

    @Test
    void demo_noInput_checksEveryHostOnce() {
        String out = run("");
        assertTrue(out.contains("No input"), out);
        assertEquals(DemoCommand.HOSTS.size(), out.split("you> /rdpcheck 127\\.0\\.0\\.1:", -1).length - 1, out);
        assertTrue(out.contains("security.ssl-not-allowed"), out);
        assertTrue(out.contains("rdp.silent"), out);
        assertTrue(out.contains("rdp.not-rdp"), out);
    }

    private static String run(String input) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("demo"), out.toString());
        return out.toString();
    }

    @Test
    void demoHost_onItsFixedPort_whenFree_elsewhereWhenTaken() throws Exception {
        DemoCommand.DemoHost host = DemoCommand.HOSTS.get(0);
        int free;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        try (rdpcheck.lab.LabHost first = DemoCommand.startOn(host, free)) {
            assertEquals(free, first.port(), "the port asked for, when free");
            try (rdpcheck.lab.LabHost second = DemoCommand.startOn(host, free)) {
                assertTrue(second.port() > 0 && second.port() != free, "taken: another port, " + second.port());
            }
        }
        assertEquals(13_389, DemoCommand.FIRST_PORT);
    }
}

package rdpcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.net.Connection;

/**
 * The fixture of the probe tests: starts a lab host per test, runs real probes against it over
 * loopback, and after each test stops the host and asserts that every probe connection was
 * closed. Use as {@code @RegisterExtension final LabCheck lab = new LabCheck(runner, options);}.
 */
public final class LabCheck implements BeforeEachCallback, AfterEachCallback {

    private final ProbeRunner runner;
    private final ProbeOptions options;
    private LabHost host;
    private int openBefore;

    public LabCheck(ProbeRunner runner, ProbeOptions options) {
        this.runner = runner;
        this.options = options;
    }

    /** Starts a host with {@code handler} (closed after the test) and returns it. */
    public LabHost start(ConnectionHandler handler) throws IOException {
        if (host != null) {
            host.close();
        }
        host = LabHost.start("test", handler);
        return host;
    }

    /** Starts a host with {@code handler} and checks it with the fixture's options. */
    public CheckRun run(ConnectionHandler handler) throws IOException {
        return run(handler, options);
    }

    public CheckRun run(ConnectionHandler handler, ProbeOptions withOptions) throws IOException {
        return runner.run(start(handler).target(), withOptions);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        openBefore = Connection.openCount();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (host != null) {
            host.close();
            host = null;
        }
        assertEquals(openBefore, Connection.openCount(), "every probe connection is closed");
    }
}

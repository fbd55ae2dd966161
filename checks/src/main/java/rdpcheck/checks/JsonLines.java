package rdpcheck.checks;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import rdpcheck.probes.report.ReportJson;
import rdpcheck.checks.FleetRunner;
import rdpcheck.checks.HostResult;

/**
 * Writes a fleet as JSON lines, one object per host, in the order the hosts were given, each line
 * as soon as it and all hosts before it are done (so a pipe sees results while the fleet runs).
 * A checked host's object is exactly the single-host {@code --json} object.
 */
public final class JsonLines implements FleetRunner.Listener {

    private final PrintWriter out;
    private HostResult[] pending = new HostResult[0];
    private int nextToWrite;

    public JsonLines(PrintWriter out) {
        this.out = out;
    }

    /** One host as one line of JSON (no line break inside). */
    public static String line(HostResult result) {
        if (result instanceof HostResult.Checked checked) {
            return ReportJson.write(checked.report(), false);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("input", result.target().input());
        target.put("host", result.target().host());
        target.put("port", result.target().port());
        root.put("target", target);
        root.put("problems", true);
        root.put("error", ((HostResult.Broken) result).reason());
        try {
            return ReportJson.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("error object could not be written as JSON", e);
        }
    }

    @Override
    public void started(int total) {
        pending = new HostResult[total];
        nextToWrite = 0;
    }

    @Override
    public void finished(int index, HostResult result, int done, int total) {
        pending[index] = result;
        while (nextToWrite < pending.length && pending[nextToWrite] != null) {
            out.println(line(pending[nextToWrite]));
            pending[nextToWrite++] = null; // written: let the report go
        }
        out.flush();
    }
}

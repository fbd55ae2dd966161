package rdpcheck.probes.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;

/**
 * Check runs rebuilt from {@code check --json} output recorded against the real servers of
 * {@code /work/shared/peers}, so rules are tested on what real xrdp and FreeRDP said.
 */
final class RecordedRuns {

    private RecordedRuns() {
    }

    static CheckRun load(String name) {
        String path = "/rdpcheck/diagnosis/recorded/" + name + ".json";
        try (InputStream in = RecordedRuns.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no recording " + path);
            }
            // Recorded before the contract had a version: they are schema 1.
            ObjectNode root = (ObjectNode) ReportJson.mapper().readTree(in);
            root.put("schema", 1);
            root.putIfAbsent("verdict", TextNode.valueOf(""));
            root.putIfAbsent("diagnoses", ReportJson.mapper().createArrayNode());
            Report report = ReportJson.read(root.toString());
            return new CheckRun(report.target(), report.findings(), report.checkedAt(), Duration.ofMillis(100));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

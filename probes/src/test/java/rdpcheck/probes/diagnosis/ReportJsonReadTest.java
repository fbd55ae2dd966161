package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;

/** {@link ReportJson#read}: reports of real servers' recorded runs read back; anything else is refused in words. */
class ReportJsonReadTest {

    private static final List<String> RECORDED = List.of("closed", "expired", "healthy", "nla", "rdponly", "silent");

    @Test
    void read_recordedRealServers_givesTheSameReportBack() {
        Diagnostician diagnostician = new Diagnostician();
        for (String name : RECORDED) {
            CheckRun run = RecordedRuns.load(name);
            Report report = Report.of(run, diagnostician);
            String json = ReportJson.write(report, false);
            assertTrue(json.startsWith("{\"schema\":1,"), json);

            Report back = ReportJson.read(json);
            assertEquals(report.target(), back.target(), name);
            assertEquals(report.verdict(), back.verdict(), name);
            assertEquals(report.diagnoses(), back.diagnoses(), name);
            assertEquals(report.findings().outcomes().keySet(), back.findings().outcomes().keySet(), name);
            assertEquals(json, ReportJson.write(back, false), name + ": the read report writes the same JSON");
            // what the rules see is the same: diagnosing the read-back findings gives the same ids
            assertEquals(ids(report), ids(Report.of(new CheckRun(back.target(), back.findings(), back.checkedAt(),
                    run.elapsed()), diagnostician)), name);
        }
    }

    @Test
    void write_sameReportTwice_serialisesItOnce_anEqualReportAgain() {
        Report report = Report.of(RecordedRuns.load("healthy"), new Diagnostician());
        String first = ReportJson.write(report, false);
        assertSame(first, ReportJson.write(report, false), "the history store and the output share one serialisation");
        Report equal = ReportJson.read(first);
        String again = ReportJson.write(equal, false);
        assertNotSame(first, again, "another report (even an equal one) is written afresh");
        assertEquals(first, again);
        assertTrue(ReportJson.write(report, true).contains("\n"), "pretty output is its own");
    }

    private static List<String> ids(Report report) {
        return report.diagnoses().stream().map(Diagnosis::id).toList();
    }

    @Test
    void read_newerSchema_saysSo() {
        String json = ReportJson.write(Report.of(RecordedRuns.load("closed"), new Diagnostician()), false)
                .replace("{\"schema\":1,", "{\"schema\":2,");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportJson.read(json));
        assertTrue(e.getMessage().contains("newer rdpcheck"), e.getMessage());
    }

    @Test
    void read_notAReport_refusedWithAReason() {
        for (String text : List.of("[]", "{}", "not json", "{\"schema\":1}", "{\"schema\":1,\"target\":{\"host\":\"h\",\"port\":1,\"input\":\"h\"},"
                + "\"checkedAt\":\"yesterday\",\"verdict\":\"\",\"diagnoses\":[],\"findings\":{}}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportJson.read(text), text);
            assertTrue(e.getMessage().startsWith("not an rdpcheck report"), e.getMessage());
        }
    }

    @Test
    void read_unknownProbe_refused() {
        String json = ReportJson.write(Report.of(RecordedRuns.load("closed"), new Diagnostician()), false)
                .replace("\"findings\":{\"dns\":", "\"findings\":{\"gopher\":");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportJson.read(json));
        assertTrue(e.getMessage().contains("gopher"), e.getMessage());
    }
}

package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The invariants over every recorded real-server run (every file in {@code recorded/}, new ones included). */
class RecordedInvariantsTest {

    static List<String> recordedRuns() throws URISyntaxException {
        URL dir = RecordedInvariantsTest.class.getResource("/rdpcheck/diagnosis/recorded/");
        String[] names = new File(dir.toURI()).list((d, name) -> name.endsWith(".json"));
        List<String> runs = new ArrayList<>();
        for (String name : names) {
            runs.add(name.substring(0, name.length() - ".json".length()));
        }
        runs.sort(null);
        return runs;
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedRealServerRun_keepsTheInvariants() throws URISyntaxException {
        List<String> runs = recordedRuns();
        assertFalse(runs.isEmpty());
        return runs.stream().map(name -> DynamicTest.dynamicTest(name, () -> Invariants.assertHold(name, RecordedRuns.load(name))));
    }
}

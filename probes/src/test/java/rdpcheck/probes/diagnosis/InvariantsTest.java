package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.lab.ConnectionHandler;
import rdpcheck.probes.lab.LabHosts;
import rdpcheck.probes.lab.Misbehaviours;
import rdpcheck.probes.lab.Quirks;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;

/**
 * The invariant over every lab personality and every recorded real-server run: no diagnosis
 * contradicts a finding, each names the findings it rests on, the verdict agrees, the evidence
 * never blames the client for what the server did. Personalities are found, not listed: every
 * public no-argument factory of {@link LabHosts}, {@link Misbehaviours} and {@link Quirks} (new
 * ones included as they are added), and {@link Quirks#variants()}.
 */
class InvariantsTest {

    /** Classes whose public static no-argument methods returning a handler are personalities. */
    static final List<Class<?>> PERSONALITY_CLASSES = List.of(LabHosts.class, Misbehaviours.class, Quirks.class);

    private final Diagnostician diagnostician = new Diagnostician();

    static Map<String, Supplier<ConnectionHandler>> personalities() {
        Map<String, Supplier<ConnectionHandler>> all = new LinkedHashMap<>();
        for (Class<?> type : PERSONALITY_CLASSES) {
            Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                            && m.getParameterCount() == 0 && ConnectionHandler.class.isAssignableFrom(m.getReturnType()))
                    .sorted(java.util.Comparator.comparing(Method::getName))
                    .forEach(m -> all.put(type.getSimpleName() + "." + m.getName() + "()", () -> invoke(m)));
        }
        Quirks.variants().forEach((name, handler) -> all.put("Quirks: " + name, handler));
        return all;
    }

    private static ConnectionHandler invoke(Method method) {
        try {
            return (ConnectionHandler) method.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(method.toString(), e);
        }
    }

    static List<String> recordedRuns() throws URISyntaxException {
        URL dir = InvariantsTest.class.getResource("/rdpcheck/diagnosis/recorded/");
        String[] names = new File(dir.toURI()).list((d, name) -> name.endsWith(".json"));
        List<String> runs = new ArrayList<>();
        for (String name : names) {
            runs.add(name.substring(0, name.length() - ".json".length()));
        }
        runs.sort(null);
        return runs;
    }

    @Test
    void personalities_areFoundByReflection_includingTheQuirks() {
        Map<String, Supplier<ConnectionHandler>> all = personalities();
        assertTrue(all.containsKey("LabHosts.healthy()"), all.keySet().toString());
        assertTrue(all.containsKey("Quirks.tlsServerRefusingOddRequestsAsSslNotAllowed()"), all.keySet().toString());
        assertTrue(all.size() >= 50, all.size() + " personalities");
    }

    @TestFactory
    Stream<DynamicTest> everyLabPersonality_keepsTheInvariants() {
        return personalities().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            int openBefore = Connection.openCount();
            CheckRun run = LabDiagnosisTest.check(entry.getValue().get());
            assertInvariants(entry.getKey(), run);
            assertEquals(openBefore, Connection.openCount(), "every probe connection is closed");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedRealServerRun_keepsTheInvariants() throws URISyntaxException {
        List<String> runs = recordedRuns();
        assertFalse(runs.isEmpty());
        return runs.stream().map(name -> DynamicTest.dynamicTest(name, () -> assertInvariants(name, RecordedRuns.load(name))));
    }

    void assertInvariants(String name, CheckRun run) throws IOException {
        List<Diagnosis> unchecked = diagnostician.diagnoseUnchecked(run);
        List<String> violations = new ArrayList<>(Consistency.violations(run, unchecked));
        List<Diagnosis> ranked = diagnostician.diagnose(run);
        assertEquals(Scenarios.ids(unchecked), Scenarios.ids(ranked), name + ": the safety net dropped a diagnosis");
        String verdict = diagnostician.verdict(run, ranked);
        violations.addAll(Consistency.verdictViolations(verdict, ranked));
        for (Match match : diagnostician.assess(run)) {
            for (String fact : Catalogue.playbook(match.id()).facts()) {
                if (!match.facts().containsKey(fact)) {
                    violations.add(match.id() + ": its rule did not supply fact " + fact);
                }
            }
        }
        for (Diagnosis diagnosis : ranked) {
            for (String line : diagnosis.evidence()) {
                if (line.contains("rejected by the client")) {
                    violations.add(diagnosis.id() + ": evidence blames the client: " + line);
                }
            }
        }
        Report report = Report.of(run, diagnostician);
        assertEquals(ClientGroup.values().length, report.clients().size());
        assertTrue(ReportJson.write(report, false).contains("\"clients\":[{\"group\":\"mstsc\""), name);
        assertTrue(violations.isEmpty(), name + ": " + violations + "\n diagnoses " + Scenarios.ids(ranked)
                + "\n verdict " + verdict + "\n findings " + abbreviated(run.findings().toString()));
    }

    private static String abbreviated(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 4000) + "...";
    }
}

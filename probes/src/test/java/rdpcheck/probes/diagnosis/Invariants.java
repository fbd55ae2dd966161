package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import rdpcheck.probes.CheckRun;
import rdpcheck.probes.report.Report;
import rdpcheck.probes.report.ReportJson;

/**
 * The invariant every check keeps, asserted on one run: no diagnosis contradicts a finding, each
 * names the findings it rests on, the verdict agrees, every rule supplied its playbook's facts, the
 * evidence never blames the client for what the server did, and the report says what each client
 * group will do. Used over every recorded real-server run here and every lab personality in the lab
 * module's tests.
 */
public final class Invariants {

    private static final Diagnostician DIAGNOSTICIAN = new Diagnostician();

    private Invariants() {
    }

    public static void assertHold(String name, CheckRun run) {
        List<Diagnosis> unchecked = DIAGNOSTICIAN.diagnoseUnchecked(run);
        List<String> violations = new ArrayList<>(Consistency.violations(run, unchecked));
        List<Diagnosis> ranked = DIAGNOSTICIAN.diagnose(run);
        assertEquals(Scenarios.ids(unchecked), Scenarios.ids(ranked), name + ": the safety net dropped a diagnosis");
        String verdict = DIAGNOSTICIAN.verdict(run, ranked);
        violations.addAll(Consistency.verdictViolations(verdict, ranked));
        for (Match match : DIAGNOSTICIAN.assess(run)) {
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
        Report report = Report.of(run, DIAGNOSTICIAN);
        assertEquals(ClientGroup.values().length, report.clients().size());
        assertTrue(ReportJson.write(report, false).contains("\"clients\":[{\"group\":\"mstsc\""), name);
        assertTrue(violations.isEmpty(), name + ": " + violations + "\n diagnoses " + Scenarios.ids(ranked)
                + "\n verdict " + verdict + "\n findings " + abbreviated(run.findings().toString()));
    }

    private static String abbreviated(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 4000) + "...";
    }
}

package rdpcheck.probes.diagnosis;

import java.util.List;

/**
 * A cause found for the host's trouble (or the statement that there is none).
 *
 * @param id          stable id from the catalogue, e.g. {@code cert.expired}; users' scripts read it
 * @param severity    ranking and colour
 * @param confidence  how directly the evidence shows it
 * @param title       one line, plain words
 * @param explanation a few sentences: what it means and why clients fail
 * @param evidence    the findings it rests on, with the values seen
 * @param explains    client messages and codes it accounts for (e.g. "mstsc 0x904 / extended 0x7")
 * @param fix         ordered steps
 */
public record Diagnosis(
        String id,
        Severity severity,
        Confidence confidence,
        String title,
        String explanation,
        List<String> evidence,
        List<String> explains,
        List<FixStep> fix) {

    public Diagnosis {
        evidence = List.copyOf(evidence);
        explains = List.copyOf(explains);
        fix = List.copyOf(fix);
    }
}

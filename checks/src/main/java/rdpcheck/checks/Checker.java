package rdpcheck.checks;

import java.util.Objects;

import rdpcheck.probes.ProbeOptions;
import rdpcheck.probes.ProbeRunner;
import rdpcheck.probes.Probes;
import rdpcheck.probes.Target;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.probes.report.Report;

/** Runs one check to its report. Blocking; {@link CheckService} calls it on its own workers. */
@FunctionalInterface
public interface Checker {

    Report check(Target target);

    /** The standard probes and diagnosis rules under {@code options} (deadline, address gate). */
    static Checker standard(ProbeOptions options) {
        Objects.requireNonNull(options, "options");
        ProbeRunner runner = Probes.standardRunner();
        Diagnostician diagnostician = new Diagnostician();
        return target -> Report.of(runner.run(target, options), diagnostician);
    }
}

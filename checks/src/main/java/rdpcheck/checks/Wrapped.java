package rdpcheck.checks;

import rdpcheck.probes.Target;
import rdpcheck.probes.report.Report;

/** A checker around another: every way of asking goes through {@link #around}, with who asked. */
abstract class Wrapped implements Checker {
    private final Checker inner;

    Wrapped(Checker inner) {
        this.inner = inner;
    }

    abstract Report around(Target target, Asker asker, java.util.function.Supplier<Report> check);

    @Override
    public Report check(Target target) {
        return around(target, Asker.unknown(), () -> inner.check(target));
    }

    @Override
    public Report check(Target target, int maxAddresses) {
        return around(target, Asker.unknown(), () -> inner.check(target, maxAddresses));
    }

    @Override
    public Report check(Target target, Asker asker) {
        return around(target, asker, () -> inner.check(target, asker));
    }

    @Override
    public Report check(Target target, int maxAddresses, Asker asker) {
        return around(target, asker, () -> inner.check(target, maxAddresses, asker));
    }
}

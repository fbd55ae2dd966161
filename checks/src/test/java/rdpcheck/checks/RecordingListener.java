package rdpcheck.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import rdpcheck.probes.Target;
import rdpcheck.probes.report.Report;

/**
 * A listener installed the way any new one is (named in this module's test
 * {@code META-INF/services/rdpcheck.checks.CheckListener}, nothing else changed): it keeps the
 * target keys it heard of, the latest few hundred.
 */
public final class RecordingListener implements CheckListener {

    private static final List<String> HEARD = new ArrayList<>();

    public static synchronized List<String> heard() {
        return List.copyOf(HEARD);
    }

    public static synchronized long count(Target target) {
        return HEARD.stream().filter(target.key()::equals).count();
    }

    @Override
    public void checked(Target target, Report report, Duration took) {
        synchronized (RecordingListener.class) {
            HEARD.add(target.key());
            if (HEARD.size() > 500) {
                HEARD.remove(0);
            }
        }
    }
}

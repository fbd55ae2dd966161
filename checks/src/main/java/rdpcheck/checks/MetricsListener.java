package rdpcheck.checks;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import rdpcheck.probes.Target;
import rdpcheck.probes.report.Report;

/** The duration of every probe run {@link CheckService} makes, for {@code /metrics}. */
final class MetricsListener implements CheckListener {

    private final Timer duration;

    MetricsListener(MeterRegistry meters) {
        this.duration = Timer.builder("rdpcheck.check.duration").description("one probe run, all probes")
                .publishPercentileHistogram().register(meters);
    }

    @Override
    public void checked(Target target, Report report, Duration took) {
        duration.record(took);
    }

    @Override
    public void failed(Target target, Throwable error, Duration took) {
        duration.record(took);
    }
}

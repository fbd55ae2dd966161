package rdpcheck.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Percentiles of a sample, nearest-rank. */
record Stats(double[] sorted) {

    static Stats of(List<Double> values) {
        double[] copy = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(copy);
        return new Stats(copy);
    }

    double pct(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double median() {
        return pct(50);
    }

    double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    int count() {
        return sorted.length;
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%.0f ms", value);
    }
}

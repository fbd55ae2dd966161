package rdpcheck.probes;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A probe's name, the type of what it finds, and the probes it needs: declared once, next to the
 * probe ({@code DnsProbe.ID}), and used as the typed key its result is read by
 * ({@code findings.result(DnsProbe.ID)} is an {@code Optional<DnsResult>}).
 *
 * <p>A probe starts once the probes it needs have finished, and is skipped when one of them produced
 * nothing usable. Needs are references to other probes' ids, so a dependency on a probe that does
 * not exist does not compile, and the graph has no cycles (a cycle cannot be written with final
 * fields initialised in order). An id is equal only to itself: the type check {@link Findings}
 * makes on the way in holds for the cast on the way out.
 *
 * @param <R> the record type of what the probe saw
 */
public final class ProbeId<R> {

    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final String label;
    private final Class<R> type;
    private final List<ProbeId<?>> needs;

    private ProbeId(String label, Class<R> type, List<ProbeId<?>> needs) {
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("a probe label is lower-case words joined by '-', not \"" + label + "\"");
        }
        this.label = label;
        this.type = Objects.requireNonNull(type, "type");
        for (ProbeId<?> need : needs) {
            Objects.requireNonNull(need, () -> "probe " + label + " needs a probe whose id is not initialised yet");
        }
        this.needs = List.copyOf(needs);
    }

    /** {@code label} is the name used in JSON, timings and chat ({@code security-layer}). */
    public static <R> ProbeId<R> of(String label, Class<R> type, ProbeId<?>... needs) {
        return new ProbeId<>(label, type, Arrays.asList(needs));
    }

    /** The name used in JSON, timings and chat: {@code security-layer}. */
    public String label() {
        return label;
    }

    /** The type of the probe's result. */
    public Class<R> type() {
        return type;
    }

    /** The probes that must have completed before this one starts. */
    public List<ProbeId<?>> needs() {
        return needs;
    }

    @Override
    public String toString() {
        return label;
    }
}

package rdpcheck.probes.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One fact that is not what it was: {@code fact} is a stable name ({@code cert.thumbprint},
 * {@code tls.versions}, {@code address.10.0.0.5}, ...), {@code before} and {@code after} its values
 * ({@code ""} when the fact was not known then), {@code since} the first check that saw
 * {@code after}, and {@code text} the change said for people ("TLS 1.0 turned off since
 * yesterday 14:02 UTC").
 */
public record Change(String fact, String before, String after, Instant since, String text) {

    public Change {
        Objects.requireNonNull(fact, "fact");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(text, "text");
    }
}

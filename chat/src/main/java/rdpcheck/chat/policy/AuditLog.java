package rdpcheck.chat.policy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import rdpcheck.config.AuditSettings;
import rdpcheck.config.Settings;

/**
 * The audit log: one JSON object a line, appended to a file or written to standard error: one
 * line per refused request, two per admitted check (admission, then completion; see {@link AuditRecord}).
 * Every string passes the {@link Redactor} first, so no token or secret reaches it.
 */
public final class AuditLog implements AutoCloseable {

    /** Longest field kept: user input is bounded so one request cannot write a megabyte line. */
    static final int MAX_FIELD = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final boolean ownsStream;
    private final Redactor redactor;

    private AuditLog(OutputStream out, boolean ownsStream, Redactor redactor) {
        this.out = out;
        this.ownsStream = ownsStream;
        this.redactor = Objects.requireNonNull(redactor);
    }

    /** The log the settings ask for, scrubbing the settings' secrets. */
    public static AuditLog of(Settings settings) {
        Redactor redactor = new Redactor(settings.secrets());
        AuditSettings audit = settings.audit();
        return audit.toStderr() ? toStream(System.err, redactor) : toFile(Path.of(audit.path()), redactor);
    }

    public static AuditLog toFile(Path file, Redactor redactor) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new AuditLog(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE), true, redactor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    public static AuditLog toStream(PrintStream stream, Redactor redactor) {
        return new AuditLog(stream, false, redactor);
    }

    /** A log that writes nothing, for tests and tools that do not audit. */
    public static AuditLog discard() {
        return new AuditLog(OutputStream.nullOutputStream(), false, Redactor.none());
    }

    public void record(AuditRecord record) {
        byte[] line = (line(record) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                // An audit write failure must not take a chat answer down; say it where an operator looks.
                System.err.println("rdpcheck: audit log write failed: " + e.getMessage());
            }
        }
    }

    /** The JSON line for {@code record}, scrubbed. */
    String line(AuditRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", record.time().toString());
        fields.put("platform", clean(record.platform()));
        fields.put("workspace", clean(record.workspace()));
        fields.put("user", clean(record.user()));
        fields.put("channel", clean(record.channel()));
        fields.put("target", clean(record.target()));
        fields.put("decision", clean(record.decision()));
        fields.put("reason", clean(record.reason()));
        record.outcome().ifPresent(outcome -> {
            outcome.severity().ifPresent(severity -> fields.put("severity", clean(severity)));
            fields.put("root_cause", clean(outcome.rootCause().orElse("")));
            fields.put("cached", outcome.cached());
            outcome.failure().ifPresent(failure -> fields.put("failure", clean(failure)));
        });
        fields.put("diagnoses", record.diagnoses().stream().map(this::clean).toList());
        fields.put("duration_ms", record.durationMillis());
        // the chat router's request id: the same on this request's log lines (see CommandRouter)
        String request = org.slf4j.MDC.get("request");
        if (request != null) {
            fields.put("request", clean(request));
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private String clean(String text) {
        // scrub first: cutting first could leave half a token the patterns no longer recognise
        String scrubbed = redactor.scrub(text);
        return scrubbed.length() > MAX_FIELD ? scrubbed.substring(0, MAX_FIELD) + "..." : scrubbed;
    }

    @Override
    public synchronized void close() {
        if (ownsStream) {
            try {
                out.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }
}

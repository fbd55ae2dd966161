package rdpcheck.config;

/** Where the audit log goes: a file path, or {@code -} for standard error. */
public record AuditSettings(String path) {

    public static final String STDERR = "-";

    public boolean toStderr() {
        return path.isEmpty() || path.equals(STDERR);
    }
}

package rdpcheck.config;

import java.util.List;

/** The configuration is not usable; every problem found is listed, each naming key, place and what is allowed. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        StringBuilder text = new StringBuilder();
        for (Problem problem : problems) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(problem);
        }
        return text.toString();
    }

    /**
     * One thing wrong.
     *
     * @param key     the setting, e.g. {@code probe.deadline} (or the file, for a file that is not YAML)
     * @param where   e.g. {@code rdpcheck.yaml line 4} or {@code environment RDPCHECK_PROBE_DEADLINE}
     * @param message what is wrong and what is allowed
     */
    public record Problem(String key, String where, String message) {
        @Override
        public String toString() {
            return where + ": " + key + ": " + message;
        }
    }
}

package rdpcheck.checks;

import java.util.List;

/** A target list that cannot be checked: every bad entry, with where it was found. */
public final class TargetListException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Messages name at most this many problems; the rest are counted. */
    static final int MAX_LISTED = 20;

    /**
     * One bad entry.
     *
     * @param where  {@code hosts.txt:7}, {@code argument 2}, or empty for the list as a whole
     * @param text   the entry as given (abbreviated), or empty
     * @param reason what is wrong, in words for the user
     */
    public record Problem(String where, String text, String reason) {
        @Override
        public String toString() {
            String prefix = where.isEmpty() ? "" : where + ": ";
            return prefix + (text.isEmpty() ? "" : "'" + text + "': ") + reason;
        }
    }

    private final transient List<Problem> problems;

    public TargetListException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        StringBuilder text = new StringBuilder(problems.size() + " bad targets:");
        problems.stream().limit(MAX_LISTED).forEach(p -> text.append("\n  ").append(p));
        if (problems.size() > MAX_LISTED) {
            text.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more");
        }
        return text.toString();
    }
}

package rdpcheck.bench;

import java.util.ArrayList;
import java.util.List;

/** The table, filled by the sections as they measure: one row per goal, before and after side by side. */
final class Summary {

    record Row(String what, String goal, String before, String after, String beside, String verdict, String load) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(Row row) {
        rows.add(row);
    }

    synchronized String table() {
        StringBuilder md = new StringBuilder();
        md.append("| what | goal | before: `java -jar` (JVM defaults) | after: `bin/rdpcheck` | beside it, same servers, same run | vs goal | load (1 min) |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.what()).append(" | ").append(row.goal()).append(" | ").append(row.before()).append(" | ")
                    .append(row.after()).append(" | ").append(row.beside()).append(" | ").append(row.verdict()).append(" | ")
                    .append(row.load()).append(" |\n");
        }
        return md.toString();
    }

    static String verdict(boolean met, String detail) {
        return (met ? "**met**" : "**missed**") + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}

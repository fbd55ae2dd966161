package rdpcheck.config;

import java.util.List;

/** Prints the effective settings, one {@code key = value  (origin)} line each; secrets are masked. */
public final class SettingsPrinter {

    private SettingsPrinter() {
    }

    public static String print(LoadedConfig config) {
        StringBuilder text = new StringBuilder();
        text.append("# configuration file: ").append(config.file().orElse("(none: defaults and environment)")).append('\n');
        int width = 0;
        for (LoadedConfig.Entry entry : config.entries()) {
            width = Math.max(width, entry.key().length());
        }
        String section = "";
        for (LoadedConfig.Entry entry : config.entries()) {
            String top = entry.key().substring(0, entry.key().indexOf('.'));
            if (!top.equals(section)) {
                text.append('\n');
                section = top;
            }
            text.append(String.format("%-" + width + "s = %s", entry.key(), entry.value()));
            text.append("   (").append(entry.origin() == Origin.DEFAULT ? "default" : entry.where()).append(")\n");
        }
        List<String> warnings = config.warnings();
        if (!warnings.isEmpty()) {
            text.append('\n');
            for (String warning : warnings) {
                text.append("warning: ").append(warning).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * Every key as a Markdown table: key, environment variable, default, what it is for; then the
     * secrets. The README's configuration section holds exactly this (a test compares them).
     */
    public static String keysMarkdown() {
        StringBuilder text = new StringBuilder("| key | environment variable | default | what it is for |\n|---|---|---|---|\n");
        for (Key key : ConfigKeys.all()) {
            text.append("| `").append(key.path()).append("` | `").append(key.envVar()).append("` | ")
                    .append(key.defaultText().isEmpty() ? "" : "`" + key.defaultText() + "`").append(" | ")
                    .append(cell(key.help())).append(" |\n");
        }
        for (ConfigKeys.SecretKey secret : ConfigKeys.secrets()) {
            text.append("| `").append(secret.path()).append("` | `").append(secret.envVar()).append("` | (secret) | ")
                    .append("environment only, or the file named by `").append(secret.fileKey().path()).append("` |\n");
        }
        return text.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}

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
}

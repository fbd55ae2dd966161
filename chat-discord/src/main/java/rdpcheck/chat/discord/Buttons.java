package rdpcheck.chat.discord;

import java.util.List;
import java.util.Optional;

import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import rdpcheck.probes.Target;

/**
 * The buttons under a verdict. The target travels in the button's custom id (what Discord
 * hands back on a click); it is parsed again like typed text when clicked.
 */
final class Buttons {

    enum Action { RERUN, RAW }

    record Click(Action action, String target) {
    }

    /** Discord's limit on a custom id. */
    static final int CUSTOM_ID_MAX = 100;
    private static final String RERUN_PREFIX = "rdpcheck:rerun:";
    private static final String RAW_PREFIX = "rdpcheck:raw:";

    private Buttons() {
    }

    /** The row for a verdict about {@code target}; none when the target is too long to carry. */
    static List<ActionRow> row(Target target) {
        String key = target.key();
        if (RERUN_PREFIX.length() + key.length() > CUSTOM_ID_MAX) {
            return List.of();
        }
        return List.of(ActionRow.of(
                Button.primary(RERUN_PREFIX + key, "Re-run (fresh)"),
                Button.secondary(RAW_PREFIX + key, "Show raw findings")));
    }

    static Optional<Click> parse(String customId) {
        if (customId.startsWith(RERUN_PREFIX) && customId.length() > RERUN_PREFIX.length()) {
            return Optional.of(new Click(Action.RERUN, customId.substring(RERUN_PREFIX.length())));
        }
        if (customId.startsWith(RAW_PREFIX) && customId.length() > RAW_PREFIX.length()) {
            return Optional.of(new Click(Action.RAW, customId.substring(RAW_PREFIX.length())));
        }
        return Optional.empty();
    }
}

package rdpcheck.chat.slack;

import java.util.List;
import java.util.Objects;

import com.slack.api.model.block.LayoutBlock;

/**
 * One Slack message: Block Kit blocks plus the plain {@code text} Slack shows in notifications
 * and where blocks cannot be shown. Both are already escaped.
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {

    public SlackMessage {
        Objects.requireNonNull(text, "text");
        blocks = List.copyOf(blocks);
    }
}

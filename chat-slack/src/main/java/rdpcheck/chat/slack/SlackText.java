package rdpcheck.chat.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Slack does to typed text, undone before the command parser sees it. */
final class SlackText {

    private static final Pattern MENTION = Pattern.compile("<[@!#][^>]*>");
    /** Slack turns {@code rdp01.corp.com} into {@code <http://rdp01.corp.com|rdp01.corp.com>} in messages. */
    private static final Pattern LINK = Pattern.compile("<(?:https?://|mailto:)([^|>]*)(?:\\|([^>]*))?>");

    private SlackText() {
    }

    /** The command in a message: mentions removed, auto-links back to what was typed, entities decoded. */
    static String commandText(String text) {
        if (text == null) {
            return "";
        }
        String withoutMentions = MENTION.matcher(text).replaceAll(" ");
        Matcher link = LINK.matcher(withoutMentions);
        StringBuilder out = new StringBuilder();
        while (link.find()) {
            String shown = link.group(2) != null ? link.group(2) : link.group(1);
            link.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        link.appendTail(out);
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
    }
}

package rdpcheck.chat.discord;

import java.util.List;
import java.util.Optional;

import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;

import rdpcheck.chat.ChatCommand;

/**
 * The slash commands the bot registers, and their options turned into a typed {@link ChatCommand}:
 * the host field is read by the same parser as typed text (so hosts are checked in one place), the
 * flags and codes are taken as the typed fields they are.
 */
final class SlashCommands {

    static final String CHECK = "rdpcheck";
    static final String EXPLAIN = "rdpcheck-explain";
    static final String HOST = "host";
    static final String FRESH = "fresh";
    static final String CODE = "code";
    static final String EXTENDED = "extended";

    private SlashCommands() {
    }

    /** Guild channels only: threads hang off the reply, and DMs have none. */
    static List<CommandData> definitions() {
        return List.of(
                Commands.slash(CHECK, "Check why a host does not take Remote Desktop connections")
                        .addOption(OptionType.STRING, HOST, "host[:port] (3389 by default); or: history HOST, watch HOST [every 1h],"
                                + " unwatch HOST, watches", true)
                        .addOption(OptionType.BOOLEAN, FRESH, "ignore a cached result and check again", false)
                        .setContexts(InteractionContextType.GUILD),
                Commands.slash(EXPLAIN, "Explain a Remote Desktop client error code, e.g. 0x904 with extended 0x7")
                        .addOption(OptionType.STRING, CODE, "the code the client showed, e.g. 0x904", true)
                        .addOption(OptionType.STRING, EXTENDED, "the extended code, e.g. 0x7", false)
                        .setContexts(InteractionContextType.GUILD));
    }

    /** A command built from the options, and how it reads as text (for the audit log). */
    record Typed(ChatCommand command, String text) {
    }

    /** The command the options ask for, or empty when it is not one of ours; the options are not turned into text and parsed again. */
    static Optional<Typed> command(String name, Optional<OptionMapping> host, Optional<OptionMapping> fresh,
                                   Optional<OptionMapping> code, Optional<OptionMapping> extended) {
        if (CHECK.equals(name)) {
            String target = host.map(OptionMapping::getAsString).orElse("").strip();
            boolean again = fresh.map(OptionMapping::getAsBoolean).orElse(false);
            // A blank host reads as no arguments: the usage text.
            return Optional.of(new Typed(ChatCommand.check(target, again), target + (again ? " fresh" : "")));
        }
        if (EXPLAIN.equals(name)) {
            String first = code.map(OptionMapping::getAsString).orElse("").strip();
            String second = extended.map(OptionMapping::getAsString).orElse("").strip();
            return Optional.of(new Typed(ChatCommand.explain(first, Optional.of(second)),
                    "explain " + first + (second.isEmpty() ? "" : " " + second)));
        }
        return Optional.empty();
    }
}

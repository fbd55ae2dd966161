package rdpcheck.chat.discord;

import java.util.Optional;

import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.policy.RecentGroups;
import rdpcheck.chat.discord.DiscordRenderer;

/** {@code /rdpcheck host:… fresh:…} and {@code /rdpcheck-explain code:… extended:…}. Runs on JDA's event thread: never blocks. */
final class SlashCommandHandler extends ListenerAdapter {

    private final CommandRouter router;
    private final DiscordRenderer renderer;
    private final InFlight inFlight;
    private final RecentGroups groups;

    SlashCommandHandler(CommandRouter router, DiscordRenderer renderer, InFlight inFlight, RecentGroups groups) {
        this.router = router;
        this.renderer = renderer;
        this.inFlight = inFlight;
        this.groups = groups;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        Optional<SlashCommands.Typed> typed = SlashCommands.command(event.getName(),
                Optional.ofNullable(event.getOption(SlashCommands.HOST)),
                Optional.ofNullable(event.getOption(SlashCommands.FRESH)),
                Optional.ofNullable(event.getOption(SlashCommands.CODE)),
                Optional.ofNullable(event.getOption(SlashCommands.EXTENDED)));
        if (typed.isEmpty()) {
            return;
        }
        router.handle(DiscordRequesters.of(event, groups), typed.get().command(), typed.get().text(),
                new InteractionConversation(event, renderer, inFlight));
    }
}

package rdpcheck.bot.discord;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.utils.FileUpload;
import rdpcheck.bot.core.Answer;
import rdpcheck.bot.core.ChatCommand;
import rdpcheck.bot.core.CommandRouter;
import rdpcheck.bot.policy.RecentGroups;
import rdpcheck.bot.render.DiscordRenderer;
import rdpcheck.probes.report.ReportJson;

/** "Re-run (fresh)" and "Show raw findings" under a verdict. Runs on JDA's event thread: never blocks. */
final class ButtonHandler extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ButtonHandler.class);

    private final CommandRouter router;
    private final DiscordRenderer renderer;
    private final InFlight inFlight;
    private final RecentGroups groups;

    ButtonHandler(CommandRouter router, DiscordRenderer renderer, InFlight inFlight, RecentGroups groups) {
        this.router = router;
        this.renderer = renderer;
        this.inFlight = inFlight;
        this.groups = groups;
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        Optional<Buttons.Click> click = Buttons.parse(event.getComponentId());
        if (click.isEmpty()) {
            return;
        }
        String target = click.get().target();
        if (click.get().action() == Buttons.Action.RERUN) {
            // The same path as typed text: the target is checked again, policy and rate limits apply.
            router.handle(DiscordRequesters.of(event, groups), target + " fresh", new InteractionConversation(event, renderer, inFlight));
            return;
        }
        ChatCommand command = ChatCommand.parse(target);
        Optional<Answer> cached = command instanceof ChatCommand.Check check
                ? router.service().cached(check.target()) : Optional.empty();
        if (cached.isEmpty()) {
            event.replyEmbeds(renderer.notice("No findings kept", "The result for `" + target
                            + "` is no longer cached. Press Re-run (fresh) to check again.", rdpcheck.probes.diagnosis.Severity.INFO))
                    .setEphemeral(true).setAllowedMentions(InteractionConversation.NO_MENTIONS).mentionRepliedUser(false)
                    .queue(null, e -> LOG.warn("answering a raw-findings click failed", e));
            return;
        }
        byte[] json = ReportJson.write(cached.get().report(), true).getBytes(StandardCharsets.UTF_8);
        String name = "rdpcheck-" + cached.get().report().target().host().replaceAll("[^A-Za-z0-9.-]", "_") + ".json";
        event.reply(DiscordRenderer.escapeKeepingCode("Raw findings for `" + target + "`, as `rdpcheck check --json` prints them."))
                .addFiles(FileUpload.fromData(json, name))
                .setEphemeral(true)
                .setAllowedMentions(InteractionConversation.NO_MENTIONS).mentionRepliedUser(false)
                .queue(null, e -> LOG.warn("sending raw findings failed", e));
    }
}

package rdpcheck.chat.discord;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.utils.FileUpload;
import rdpcheck.checks.Answer;
import rdpcheck.chat.ChatCommand;
import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Recall;
import rdpcheck.chat.policy.RecentGroups;
import rdpcheck.chat.discord.DiscordRenderer;
import rdpcheck.probes.diagnosis.Severity;
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
            router.handle(DiscordRequesters.of(event, groups), ChatCommand.check(target, true), target + " fresh",
                    new InteractionConversation(event, renderer, inFlight));
            return;
        }
        // The clicker may be another member, in another channel, than who asked: the router asks the policy again.
        Recall recall = router.recall(DiscordRequesters.of(event, groups), target);
        if (recall instanceof Recall.Refused refused) {
            event.replyEmbeds(renderer.notice("Not allowed", refused.message(), Severity.WARNING))
                    .setEphemeral(true).setAllowedMentions(InteractionConversation.NO_MENTIONS).mentionRepliedUser(false)
                    .queue(null, e -> LOG.warn("answering a raw-findings click failed", e));
            return;
        }
        if (recall instanceof Recall.Gone) {
            event.replyEmbeds(renderer.notice("No findings kept", "The result for `" + target
                            + "` is no longer cached. Press Re-run (fresh) to check again.", Severity.INFO))
                    .setEphemeral(true).setAllowedMentions(InteractionConversation.NO_MENTIONS).mentionRepliedUser(false)
                    .queue(null, e -> LOG.warn("answering a raw-findings click failed", e));
            return;
        }
        Answer answer = ((Recall.Found) recall).answer();
        byte[] json = ReportJson.write(answer.report(), true).getBytes(StandardCharsets.UTF_8);
        String name = "rdpcheck-" + answer.report().target().host().replaceAll("[^A-Za-z0-9.-]", "_") + ".json";
        event.reply(DiscordRenderer.escapeKeepingCode("Raw findings for `" + target + "`, as `rdpcheck check --json` prints them."))
                .addFiles(FileUpload.fromData(json, name))
                .setEphemeral(true)
                .setAllowedMentions(InteractionConversation.NO_MENTIONS).mentionRepliedUser(false)
                .queue(null, e -> LOG.warn("sending raw findings failed", e));
    }
}

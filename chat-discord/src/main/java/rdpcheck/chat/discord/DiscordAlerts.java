package rdpcheck.chat.discord;

import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import rdpcheck.checks.watch.Alert;
import rdpcheck.checks.watch.AlertSink;
import rdpcheck.checks.watch.WatchChannel;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Report;

/**
 * A watch's alerts in a Discord channel: a message whose content is the alert (what a notification
 * previews), with the events and the verdict embed and the usual buttons, and a thread from it with the
 * fix steps and details, as an answer is posted. Nothing it posts can mention anyone.
 */
final class DiscordAlerts implements AlertSink {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordAlerts.class);

    private final Supplier<JDA> jda;
    private final DiscordRenderer renderer;

    DiscordAlerts(Supplier<JDA> jda, DiscordRenderer renderer) {
        this.jda = jda;
        this.renderer = renderer;
    }

    @Override
    public boolean accepts(WatchChannel channel) {
        return channel.platform().equals("discord");
    }

    private GuildMessageChannel channel(WatchChannel where) {
        JDA connected = jda.get();
        return connected == null ? null : connected.getChannelById(GuildMessageChannel.class, where.id());
    }

    @Override
    public void alert(Alert alert) {
        GuildMessageChannel channel = channel(alert.watch().channel());
        if (channel == null) {
            LOG.warn("the alert of watch {} cannot be posted: Discord channel {} is not known (not connected, or the bot"
                    + " is not in it)", alert.watch().id(), alert.watch().channel().id());
            return;
        }
        try {
            Report report = alert.answer().report();
            Message message = channel.sendMessage(new MessageCreateBuilder()
                            .setContent(DiscordRenderer.truncate(DiscordRenderer.escapeKeepingCode(alert.headline()),
                                    DiscordRenderer.CONTENT_MAX))
                            .setEmbeds(renderer.notice("Watch alert", "• " + String.join("\n• ", alert.lines()),
                                    severity(report)), renderer.verdict(report, ""))
                            .setComponents(Buttons.row(report.target()))
                            .setAllowedMentions(InteractionConversation.NO_MENTIONS).build())
                    .complete();
            List<List<MessageEmbed>> details = renderer.details(report);
            if (details.isEmpty()) {
                return;
            }
            ThreadChannel thread = message.createThreadChannel(renderer.threadName(report)).complete();
            for (List<MessageEmbed> embeds : details) {
                thread.sendMessage(new MessageCreateBuilder().setEmbeds(embeds)
                        .setAllowedMentions(InteractionConversation.NO_MENTIONS).build()).complete();
            }
        } catch (RuntimeException e) {
            LOG.warn("posting the alert of watch {} to Discord channel {} failed", alert.watch().id(),
                    alert.watch().channel().id(), e);
        }
    }

    private static Severity severity(Report report) {
        return report.headline() == Severity.OK ? Severity.INFO : report.headline();
    }

    @Override
    public void notice(WatchChannel where, String text) {
        GuildMessageChannel channel = channel(where);
        if (channel == null) {
            LOG.warn("a watch notice cannot be posted: Discord channel {} is not known", where.id());
            return;
        }
        try {
            channel.sendMessage(new MessageCreateBuilder().setEmbeds(renderer.notice("Watch", text, Severity.WARNING))
                    .setAllowedMentions(InteractionConversation.NO_MENTIONS).build()).complete();
        } catch (RuntimeException e) {
            LOG.warn("posting a watch notice to Discord channel {} failed", where.id(), e);
        }
    }
}

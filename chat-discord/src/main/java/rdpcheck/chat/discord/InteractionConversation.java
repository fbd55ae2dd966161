package rdpcheck.chat.discord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import rdpcheck.chat.Acknowledgement;
import rdpcheck.checks.Answer;
import rdpcheck.chat.Conversation;
import rdpcheck.chat.FleetAnswer;
import rdpcheck.checks.HostResult;
import rdpcheck.chat.discord.DiscordRenderer;
import rdpcheck.probes.diagnosis.Severity;
import rdpcheck.probes.report.Report;

/**
 * One interaction's side of the chat: the acknowledgement is the interaction response itself
 * (a deferred reply, or the whole answer for help and refusals), the verdict edits that reply,
 * and a thread started from it carries the diagnosis. Every message allows no mentions at all.
 */
final class InteractionConversation implements Conversation {

    private static final Logger LOG = LoggerFactory.getLogger(InteractionConversation.class);

    /** Sent with every message: nothing the bot posts can ping a user, a role, @everyone or @here. */
    static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    /** A thread of many hosts' reports stops here: Discord allows about five messages per five seconds. */
    static final int FLEET_THREAD_MESSAGES_MAX = 20;

    private final IReplyCallback interaction;
    private final DiscordRenderer renderer;
    private final InFlight inFlight;

    InteractionConversation(IReplyCallback interaction, DiscordRenderer renderer, InFlight inFlight) {
        this.interaction = Objects.requireNonNull(interaction, "interaction");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
    }

    @Override
    public void acknowledge(Acknowledgement ack) {
        if (ack.kind().isFinal()) {
            boolean onlyForAsker = ack.kind() != Acknowledgement.Kind.EXPLAIN && ack.kind() != Acknowledgement.Kind.HELP
                    && ack.kind() != Acknowledgement.Kind.HISTORY && ack.kind() != Acknowledgement.Kind.WATCH;
            interaction.replyEmbeds(renderer.notice(title(ack.kind()), ack.text(), severity(ack.kind())))
                    .setEphemeral(onlyForAsker)
                    .setAllowedMentions(NO_MENTIONS).mentionRepliedUser(false)
                    .queue(null, e -> LOG.warn("answering interaction {} failed", interaction.getId(), e));
            return;
        }
        inFlight.begin();
        // Discord wants a response within 3 s; the check takes longer, so defer ("thinking…") at once.
        interaction.deferReply().queue(null, e -> LOG.warn("deferring interaction {} failed", interaction.getId(), e));
        if (ack.kind() == Acknowledgement.Kind.QUEUED) {
            interaction.getHook().editOriginal(new MessageEditBuilder()
                            .setContent(DiscordRenderer.escapeKeepingCode(ack.text()))
                            .setAllowedMentions(NO_MENTIONS).mentionRepliedUser(false).build())
                    .queue(null, e -> LOG.warn("showing the queue position failed", e));
        }
    }

    /** Called on a delivery thread: blocking on Discord here holds up nobody's events. */
    @Override
    public void answer(Answer answer) {
        try {
            post(answer);
        } finally {
            inFlight.end();
        }
    }

    private void post(Answer answer) {
        Report report = answer.report();
        InteractionHook hook = interaction.getHook();
        Message reply = hook.editOriginal(new MessageEditBuilder()
                        // the content is what a notification previews: who asked, and the verdict
                        .setContent(renderer.content(report, askedBy()))
                        .setEmbeds(renderer.verdict(report, answer.ageNote()))
                        .setComponents(Buttons.row(report.target()))
                        .setAllowedMentions(NO_MENTIONS).mentionRepliedUser(false)
                        .build())
                .complete();
        postDetails(hook, reply, renderer.threadName(report), report.target().toString(), renderer.details(report));
    }

    /** The asker's display name (server nickname, else global name), as text. */
    private Optional<String> askedBy() {
        try {
            return Optional.ofNullable(interaction.getMember()).map(m -> m.getEffectiveName())
                    .or(() -> Optional.of(interaction.getUser().getEffectiveName()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Called on a delivery thread, like {@link #answer}. */
    @Override
    public void answerMany(FleetAnswer fleet) {
        try {
            InteractionHook hook = interaction.getHook();
            Message reply = hook.editOriginal(new MessageEditBuilder()
                            .setContent("")
                            .setEmbeds(renderer.fleetSummary(fleet))
                            .setAllowedMentions(NO_MENTIONS).mentionRepliedUser(false)
                            .build())
                    .complete();
            List<List<MessageEmbed>> details = new ArrayList<>();
            for (HostResult host : fleet.problemHosts()) {
                Optional<Answer> answer = fleet.answer(host);
                if (answer.isPresent()) {
                    details.add(List.of(renderer.verdict(answer.get().report(), answer.get().ageNote())));
                    details.addAll(renderer.details(answer.get().report()));
                } else {
                    details.add(List.of(renderer.notice(host.target().key(), host.verdict(), Severity.CRITICAL)));
                }
            }
            if (details.size() > FLEET_THREAD_MESSAGES_MAX) {
                int left = details.size() - FLEET_THREAD_MESSAGES_MAX + 1;
                details = new ArrayList<>(details.subList(0, FLEET_THREAD_MESSAGES_MAX - 1));
                details.add(List.of(renderer.notice("More in the summary", left + " more messages were left out of this"
                        + " thread; `/rdpcheck HOST` shows one host's report (from the cache).", Severity.INFO)));
            }
            int hosts = fleet.result().hosts().size();
            postDetails(hook, reply, DiscordRenderer.truncate("rdpcheck: " + hosts + " hosts", DiscordRenderer.THREAD_NAME_MAX),
                    hosts + " hosts", details);
        } finally {
            inFlight.end();
        }
    }

    /** The details in a thread started from {@code reply}, or as follow-ups where no thread can be made. */
    private void postDetails(InteractionHook hook, Message reply, String threadName, String what,
                             List<List<MessageEmbed>> details) {
        if (details.isEmpty()) {
            return;
        }
        ThreadChannel thread = null;
        if (reply.isFromGuild() && (reply.getChannelType() == ChannelType.TEXT || reply.getChannelType() == ChannelType.NEWS)) {
            try {
                thread = reply.createThreadChannel(threadName).complete();
            } catch (InsufficientPermissionException e) {
                LOG.warn("Discord: no {} permission in channel {}; the details of {} follow the verdict as replies",
                        e.getPermission().getName(), reply.getChannelId(), what);
            } catch (RuntimeException e) {
                // Usually a missing permission (Create Public Threads): the details still go out, below the reply.
                LOG.warn("creating a thread for {} failed; posting the details as follow-ups", what, e);
            }
        }
        for (List<MessageEmbed> embeds : details) {
            MessageCreateData message = new MessageCreateBuilder().setEmbeds(embeds).setAllowedMentions(NO_MENTIONS).mentionRepliedUser(false).build();
            if (thread != null) {
                thread.sendMessage(message).complete();
            } else {
                hook.sendMessage(message).complete();
            }
        }
    }

    @Override
    public void fail(String message) {
        try {
            interaction.getHook().editOriginal(new MessageEditBuilder()
                            .setContent("")
                            .setEmbeds(renderer.notice("The check did not finish", message, Severity.CRITICAL))
                            .setAllowedMentions(NO_MENTIONS).mentionRepliedUser(false)
                            .build())
                    .complete();
        } finally {
            inFlight.end();
        }
    }

    private static String title(Acknowledgement.Kind kind) {
        switch (kind) {
            case HELP:
                return "rdpcheck";
            case EXPLAIN:
                return "Client error code";
            case HISTORY:
                return "Check history";
            case WATCH:
                return "Watches";
            case INVALID:
                return "Not a command rdpcheck understands";
            case REFUSED:
                return "Not allowed";
            default:
                return "rdpcheck is busy";
        }
    }

    private static Severity severity(Acknowledgement.Kind kind) {
        return kind == Acknowledgement.Kind.HELP || kind == Acknowledgement.Kind.EXPLAIN || kind == Acknowledgement.Kind.HISTORY
                || kind == Acknowledgement.Kind.WATCH ? Severity.INFO : Severity.WARNING;
    }
}

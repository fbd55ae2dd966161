package rdpcheck.chat.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import rdpcheck.chat.Acknowledgement;
import rdpcheck.checks.Answer;
import rdpcheck.chat.Conversation;
import rdpcheck.chat.FleetAnswer;
import rdpcheck.checks.HostResult;
import rdpcheck.chat.slack.SlackMessage;
import rdpcheck.chat.slack.SlackRenderer;

/**
 * One request in Slack. The verdict goes to the channel with chat.postMessage (a slash command's
 * payload has no message ts to reply to), everything else into that message's thread. Where the
 * bot may not post ({@code not_in_channel}), the command's response_url carries the answer and a
 * note on how to invite the bot.
 */
final class SlackConversation implements Conversation {

    private static final Logger LOG = LoggerFactory.getLogger(SlackConversation.class);

    /** Where the request came from decides how it is acknowledged. */
    enum Origin {
        /** {@code /rdpcheck}: the acknowledgement is the HTTP/envelope ack, ephemeral. */
        SLASH,
        /** A button: acknowledged empty; the text follows through the response_url, ephemeral. */
        BUTTON,
        /** {@code @rdpcheck host}: acknowledged in the mention's thread. */
        MENTION
    }

    /** A thread of many hosts' reports stops here: Slack posts about one message per second per channel. */
    static final int FLEET_THREAD_MESSAGES_MAX = 20;

    static final String INVITE_HINT = "I am not a member of this channel, so I answered through the command."
            + " Invite me with `/invite @rdpcheck` to get the diagnosis in a thread.";

    private final Origin origin;
    private final SlackPoster poster;
    private final SlackRenderer renderer;
    private final Executor executor;
    private final String channel;
    private final String user;
    private final Optional<String> responseUrl;
    /** For mentions: the thread the mention is in (or starts). Answers go there. */
    private final Optional<String> threadTs;
    /** The asker's display name, shown as "@name asked:" on the channel message (never a ping). */
    private final Optional<String> askedBy;
    private volatile SlackMessage ackMessage;

    SlackConversation(Origin origin, SlackPoster poster, SlackRenderer renderer, Executor executor, String channel,
                      String user, Optional<String> responseUrl, Optional<String> threadTs) {
        this(origin, poster, renderer, executor, channel, user, responseUrl, threadTs, Optional.empty());
    }

    SlackConversation(Origin origin, SlackPoster poster, SlackRenderer renderer, Executor executor, String channel,
                      String user, Optional<String> responseUrl, Optional<String> threadTs, Optional<String> askedBy) {
        this.askedBy = askedBy;
        this.origin = origin;
        this.poster = poster;
        this.renderer = renderer;
        this.executor = executor;
        this.channel = channel;
        this.user = user;
        this.responseUrl = responseUrl;
        this.threadTs = threadTs;
    }

    /** For {@link Origin#SLASH}: what the command's ack carries. */
    Optional<SlackMessage> ackMessage() {
        return Optional.ofNullable(ackMessage);
    }

    @Override
    public void acknowledge(Acknowledgement acknowledgement) {
        SlackMessage message = renderer.notice(acknowledgement.text());
        if (origin == Origin.SLASH) {
            ackMessage = message;
            return;
        }
        // Buttons and events are acked empty at once; saying something costs a Web API call: not on this thread.
        executor.execute(() -> quietly(() -> {
            if (origin == Origin.BUTTON && responseUrl.isPresent()) {
                poster.respond(responseUrl.get(), message, false);
            } else if (acknowledgement.kind().isFinal()) {
                poster.post(channel, message, threadTs);
            } else {
                poster.ephemeral(channel, user, message);
            }
        }));
    }

    @Override
    public void answer(Answer answer) {
        quietly(() -> {
            // the verdict goes out first; the thread is rendered while the person reads it
            SlackMessage verdict = renderer.verdict(answer, askedBy);
            SlackPoster.Posted parent = poster.post(channel, verdict, threadTs);
            if (parent.ok() && parent.ts().isPresent()) {
                postReplies(renderer.thread(answer), threadTs.isPresent() ? threadTs : parent.ts());
                return;
            }
            String error = parent.error().orElse("no ts");
            if (responseUrl.isPresent() && notAMember(error)) {
                fallBackToResponseUrl(verdict, renderer.thread(answer));
            } else {
                LOG.warn("posting the verdict to {} failed: {}", channel, error);
                responseUrl.ifPresent(url -> quietly(() -> poster.respond(url, renderer.notice(
                        "I could not post the answer in this channel (Slack said `" + error + "`)."), false)));
            }
        });
    }

    @Override
    public void answerMany(FleetAnswer fleet) {
        quietly(() -> {
            List<SlackMessage> summary = renderer.fleetSummary(fleet);
            List<SlackMessage> thread = new ArrayList<>(summary.subList(1, summary.size()));
            for (HostResult host : fleet.problemHosts()) {
                Optional<Answer> answer = fleet.answer(host);
                if (answer.isPresent()) {
                    thread.add(renderer.fleetHost(answer.get()));
                    thread.addAll(renderer.diagnosis(answer.get()));
                } else {
                    thread.add(renderer.notice(host.target().key() + ": " + host.verdict()));
                }
            }
            if (thread.size() > FLEET_THREAD_MESSAGES_MAX) {
                int left = thread.size() - FLEET_THREAD_MESSAGES_MAX + 1;
                thread = new ArrayList<>(thread.subList(0, FLEET_THREAD_MESSAGES_MAX - 1));
                thread.add(renderer.notice(left + " more messages were left out of this thread; `/rdpcheck HOST` shows"
                        + " one host's report (from the cache)."));
            }
            SlackPoster.Posted parent = poster.post(channel, summary.get(0), threadTs);
            if (parent.ok() && parent.ts().isPresent()) {
                postReplies(thread, threadTs.isPresent() ? threadTs : parent.ts());
                return;
            }
            String error = parent.error().orElse("no ts");
            if (responseUrl.isPresent() && notAMember(error)) {
                fallBackToResponseUrl(summary.get(0), thread);
            } else {
                LOG.warn("posting the summary to {} failed: {}", channel, error);
            }
        });
    }

    private void postReplies(List<SlackMessage> replies, Optional<String> replyTo) throws InterruptedException {
        for (SlackMessage reply : replies) {
            SlackPoster.Posted posted = poster.post(channel, reply, replyTo);
            if (!posted.ok()) {
                LOG.warn("thread reply in {} failed: {}", channel, posted.error().orElse("?"));
                return;
            }
        }
    }

    @Override
    public void fail(String message) {
        quietly(() -> {
            SlackMessage notice = renderer.notice(message);
            if (responseUrl.isPresent()) {
                poster.respond(responseUrl.get(), notice, false);
            } else {
                poster.post(channel, notice, threadTs);
            }
        });
    }

    /** response_url takes five posts: verdict, up to three thread messages, the hint. */
    private void fallBackToResponseUrl(SlackMessage verdict, List<SlackMessage> thread) throws InterruptedException {
        String url = responseUrl.orElseThrow();
        poster.respond(url, verdict, true);
        int sent = 0;
        for (SlackMessage reply : thread) {
            if (sent == 3) {
                break;
            }
            poster.respond(url, reply, true);
            sent++;
        }
        poster.respond(url, renderer.notice(INVITE_HINT), false);
    }

    static boolean notAMember(String error) {
        return error.equals("not_in_channel") || error.equals("channel_not_found");
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static void quietly(Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("talking to Slack failed", e);
        }
    }
}

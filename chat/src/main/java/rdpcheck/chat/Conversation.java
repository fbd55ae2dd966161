package rdpcheck.chat;

import rdpcheck.checks.Answer;

/**
 * One request's side of a chat, implemented by each platform (Slack, Discord, console). The
 * {@link CommandRouter} drives it; the platform renders.
 *
 * <p>Order of calls: {@link #acknowledge} exactly once, on the thread that called
 * {@link CommandRouter#handle}, before {@code handle} returns (so a platform can put it in its
 * ack response); then, unless the acknowledgement {@linkplain Acknowledgement.Kind#isFinal() was
 * final}, exactly one of {@link #answer}, {@link #answerMany} (for a command naming several hosts)
 * or {@link #fail}, on a delivery thread, never on the platform's event thread.
 */
public interface Conversation {

    /** Must not block on the network: it is the acknowledgement. */
    void acknowledge(Acknowledgement acknowledgement);

    /** Post the verdict (a channel message) and the rest (replies in its thread). */
    void answer(Answer answer);

    /**
     * Post the summary of several hosts (host, verdict, root cause, grouped by root cause) as the
     * channel message, and the report of each host with problems in its thread.
     */
    void answerMany(FleetAnswer answers);

    /** The check produced no report; {@code message} is plain text for the requester. */
    void fail(String message);
}

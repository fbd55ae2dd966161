package rdpcheck.chat;

import java.util.Objects;

/**
 * The first thing a request is told, within the platform's acknowledgement window (Slack 3 s,
 * Discord 3 s). {@code text} is plain text with {@code `code`} spans; platforms escape it.
 */
public record Acknowledgement(Kind kind, String text) {

    public enum Kind {
        /** A probe run started (or joined one in progress) for this request. */
        CHECKING,
        /** Waiting for a free slot: as many checks as allowed are running. */
        QUEUED,
        /** Answered from the cache; the answer follows at once. */
        CACHED,
        /** Usage text: the whole answer. */
        HELP,
        /** An error code explained: the whole answer. */
        EXPLAIN,
        /** A host's last checks from the history: the whole answer. */
        HISTORY,
        /** A watch added or removed, or a channel's watches: the whole answer, shown to the channel. */
        WATCH,
        /** The text was not a command: the whole answer. */
        INVALID,
        /** Access policy or a rate limit said no: the whole answer. */
        REFUSED,
        /** The service is shutting down or full: the whole answer. */
        UNAVAILABLE;

        /** True when this acknowledgement is all the request gets (no {@link Conversation#answer} follows). */
        public boolean isFinal() {
            return this != CHECKING && this != QUEUED && this != CACHED;
        }
    }

    public Acknowledgement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}

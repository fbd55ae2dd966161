package rdpcheck.chat;

import java.util.Objects;
import rdpcheck.checks.Answer;

/**
 * The outcome of asking to see again what a check found ({@link CommandRouter#recall}): the kept
 * answer, a refusal by the policy, or nothing kept any more.
 */
public sealed interface Recall {

    /** The answer kept for the target, which the requester may see. */
    record Found(Answer answer) implements Recall {
        public Found {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /** Not for this requester, channel or target (any more); {@code message} says why, fit to show them. */
    record Refused(String message) implements Recall {
        public Refused {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Nothing is kept for the target (expired, never checked, or the text is not a host). */
    record Gone(String target) implements Recall {
        public Gone {
            Objects.requireNonNull(target, "target");
        }
    }
}

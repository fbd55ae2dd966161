package rdpcheck.chat;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import rdpcheck.checks.Answer;

/**
 * How an admitted check ended, as the audit log records it after an incident: the answer the
 * requester received, or why there was none.
 *
 * @param target  the checked target's key, e.g. {@code rdp01.corp:3389}
 * @param answer  the answer delivered (its report, and whether it was new, shared or cached); empty on failure
 * @param failure what the requester was told instead of an answer; empty when there is an answer
 * @param took    from the request's arrival to the answer's (or the failure's) delivery
 */
public record Completion(String target, Optional<Answer> answer, Optional<String> failure, Duration took) {

    public Completion {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(took, "took");
        if (answer.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a completion has an answer or a failure, not both or neither");
        }
    }

    public static Completion answered(String target, Answer answer, Duration took) {
        return new Completion(target, Optional.of(answer), Optional.empty(), took);
    }

    public static Completion failed(String target, String why, Duration took) {
        return new Completion(target, Optional.empty(), Optional.of(why), took);
    }
}

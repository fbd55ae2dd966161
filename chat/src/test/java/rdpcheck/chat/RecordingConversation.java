package rdpcheck.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import rdpcheck.checks.Answer;

/** A {@link Conversation} that remembers what it was told and on which thread; for tests of any platform. */
public final class RecordingConversation implements Conversation {

    public final List<Acknowledgement> acknowledgements = new CopyOnWriteArrayList<>();
    public final List<Answer> answers = new CopyOnWriteArrayList<>();
    public final List<FleetAnswer> fleets = new CopyOnWriteArrayList<>();
    public final List<String> failures = new CopyOnWriteArrayList<>();
    public final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void acknowledge(Acknowledgement acknowledgement) {
        acknowledgements.add(acknowledgement);
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public void answer(Answer answer) {
        answers.add(answer);
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public void answerMany(FleetAnswer fleet) {
        fleets.add(fleet);
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public void fail(String message) {
        failures.add(message);
        threads.add(Thread.currentThread().getName());
    }
}

package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import rdpcheck.chat.CommandRouter;
import rdpcheck.chat.Platform;
import rdpcheck.chat.RecordingConversation;
import rdpcheck.chat.Requester;
import rdpcheck.config.Settings;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.Misbehaviours;

class BotRuntimeTest {

    @Test
    void close_runningCheck_isAnsweredBeforeThePlatformDisconnects() throws Exception {
        try (LabHost silent = LabHost.start("silent", Misbehaviours.silent())) {
            BotRuntime runtime = new BotRuntime(Settings.defaults(), rdpcheck.chat.policy.Platform.CONSOLE);
            RecordingConversation conversation = new RecordingConversation();
            AtomicBoolean answeredWhenClosed = new AtomicBoolean();
            AtomicBoolean closed = new AtomicBoolean();
            runtime.add(new Platform() {
                @Override
                public String name() {
                    return "test";
                }

                @Override
                public void start() {
                }

                @Override
                public boolean connected() {
                    return !closed.get();
                }

                @Override
                public void close() {
                    answeredWhenClosed.set(!conversation.answers.isEmpty() || !conversation.failures.isEmpty());
                    closed.set(true);
                }
            });
            CommandRouter router = runtime.router(rdpcheck.chat.policy.Platform.CONSOLE);
            router.handle(Requester.console(), "/rdpcheck " + silent.target().key(), conversation);
            assertFalse(conversation.acknowledgements.isEmpty());
            runtime.close();
            assertTrue(closed.get());
            assertTrue(answeredWhenClosed.get(), "the requester got the answer (or was told) while the platform was still up");
        }
    }
}

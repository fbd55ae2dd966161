package rdpcheck.app.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import rdpcheck.chat.policy.Redactor;
import rdpcheck.config.ConfigLoader;
import rdpcheck.config.Settings;

/** The production log setup ({@link LogSetup}), applied to its own context: what an operator's log would hold. */
class LogRedactionTest {

    private static final String SIGNING = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String BOT_TOKEN = "xoxb-1111111111-2222222222-LoggedTokenValue";

    @AfterEach
    void reset() {
        LogRedaction.install(Redactor.none());
    }

    @Test
    void productionLog_masksTokensAndConfiguredSecrets_inMessagesAndStackTraces_escapesControls() throws Exception {
        Settings settings = ConfigLoader.load(Optional.empty(), Map.of("RDPCHECK_SLACK_SIGNING_SECRET", SIGNING,
                "RDPCHECK_SLACK_BOT_TOKEN", BOT_TOKEN, "RDPCHECK_SLACK_MODE", "http")).settings();
        LogRedaction.install(new Redactor(settings.secrets()));
        String log = logThroughProductionConfig(logger -> {
            logger.warn("request for host {} failed", "xoxp-9999999999-8888888888-PastedAsHost");
            logger.warn("signing secret is {}", SIGNING);
            logger.warn("forged\n12:00:00.000 ERROR admin - \u001b[2Jpwned");
            logger.error("JDA failed", new IllegalArgumentException("Token may not contain blanks. Provided: \""
                    + BOT_TOKEN + " x\""));
        });
        assertFalse(log.contains("PastedAsHost"), log);
        assertFalse(log.contains(SIGNING), log);
        assertFalse(log.contains("LoggedTokenValue"), log);
        assertFalse(log.contains("\u001b"), log);
        assertTrue(log.contains("forged\\u000a12:00:00.000 ERROR admin"), "the forged line stays inside its own: " + log);
        assertTrue(log.contains("IllegalArgumentException"), "the trace itself is kept: " + log);
    }

    private static String logThroughProductionConfig(java.util.function.Consumer<org.slf4j.Logger> body) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        LogSetup.apply(context, null);
        ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> console =
                (ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
                        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // The same encoder (pattern and converters) as production, writing where the test can read it.
        ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> capture =
                new ch.qos.logback.core.OutputStreamAppender<>();
        capture.setContext(context);
        capture.setEncoder(console.getEncoder());
        capture.setOutputStream(bytes);
        capture.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(console);
        root.addAppender(capture);
        body.accept(context.getLogger("rdpcheck.test"));
        context.stop();
        String text = bytes.toString(StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            throw new AssertionError("nothing logged; logback said " + context.getStatusManager().getCopyOfStatusList());
        }
        return text;
    }
}

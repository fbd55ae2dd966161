package rdpcheck.app.logging;

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * rdpcheck's logging, set up in code (found by Logback as a {@link Configurator} service): every
 * line to stderr, so {@code check --json} keeps stdout clean, through the redactor ({@code
 * %redactedMsg}, {@code %redactedEx}: token-shaped text and configured secrets masked, control
 * characters escaped); the root level from {@code RDPCHECK_LOG_LEVEL} (INFO by default); the chat
 * libraries' chatter held back. Logback's XML configuration costs a short command a SAX parser
 * and its model (600 classes, a tenth of {@code check}'s CPU on a closed port): code costs neither.
 *
 * <p>An explicit {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} on the class
 * path (the tests'), is left to Logback's own configurators.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** The line every appender writes. */
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} %X{request} - %redactedMsg%n%redactedEx";

    /** The root level's variable (read here, not by the configuration loader). */
    public static final String LEVEL_ENV = "RDPCHECK_LOG_LEVEL";

    /** Libraries whose everyday lines are noise in rdpcheck's log, and the level they are held to. */
    static final Map<String, Level> QUIETER = Map.of(
            "net.dv8tion", Level.WARN,
            "com.slack", Level.WARN,
            // The Socket Mode client logs every failed connection at ERROR; serve's Reconnector says the same in one line.
            "com.slack.api.socket_mode.SocketModeClient", Level.OFF,
            "org.java_websocket", Level.WARN,
            // Bolt's parser logs a body it cannot place verbatim at WARN; only signed requests reach it
            // (SlackHttpServer checks the signature first), and even those are counted, not logged.
            "com.slack.api.bolt.util.SlackRequestParser", Level.ERROR,
            // sqlite-jdbc logs a library it cannot load with its stack trace; the store says so in one line
            "org.sqlite.SQLiteJDBCLoader", Level.OFF);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, System.getenv(LEVEL_ENV));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Configures {@code context} as production does, with {@code level} for the root (INFO when null or unknown). */
    public static void apply(LoggerContext context, String level) {
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder(context));
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(stderr);
        QUIETER.forEach((name, quieter) -> context.getLogger(name).setLevel(quieter));
    }

    /** The pattern with the redacting converters, as an encoder for any appender. */
    public static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("redactedMsg", RedactedMessageConverter::new);
        layout.getInstanceConverterMap().put("redactedEx", RedactedThrowableConverter::new);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /**
     * Routes java.util.logging (Caffeine, the JDK's HTTP client) into this logging, and keeps JUL's
     * levels in step with these so that disabled JUL records are dropped before they are built.
     * Only the long-running commands call it: initialising JUL is a measurable part of a short
     * command's start, and nothing a short command runs logs through JUL.
     */
    public static void bridgeJavaUtilLogging() {
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            LevelChangePropagator propagator = new LevelChangePropagator();
            propagator.setContext(context);
            propagator.setResetJUL(true);
            propagator.start();
            context.addListener(propagator);
        }
    }
}

package rdpcheck.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rdpcheck}: the command line. Subcommands do the work; this only wires them. */
@Command(name = "rdpcheck",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = Main.DESCRIPTION,
        subcommands = {CheckCommand.class, HistoryCommand.class, WatchCommand.class, ExplainCommand.class, ConfigCommand.class, ServeCommand.class, ConsoleCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    static final String DESCRIPTION = "Diagnoses why nobody can RDP into a host.";

    /** picocli's system property: regular expressions of built-in converters it skips. */
    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /**
     * The top command with no subcommands of its own: a command line that names one gets that one
     * alone (see {@link #commandLineFor}), so {@code check} does not build the others' models.
     */
    @Command(name = "rdpcheck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = DESCRIPTION)
    static final class Alone {
    }

    /** Bad input or configuration. */
    public static final int EXIT_USAGE = 2;

    /** A bug in rdpcheck, not the user's input: told apart from {@link #EXIT_USAGE} so scripts do not blame the input. */
    public static final int EXIT_INTERNAL_ERROR = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** For the long-running commands: java.util.logging into Logback ({@link rdpcheck.app.logging.LogSetup}). */
    static void bridgeJavaUtilLogging() {
        rdpcheck.app.logging.LogSetup.bridgeJavaUtilLogging();
    }

    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs a command line with its output going to {@code out} and {@code err}; returns the exit code. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli would print, without building a command model (most of a --version's CPU)
            out.println(new VersionProvider().getVersion()[0]);
            out.flush();
            return 0;
        }
        CommandLine commandLine = commandLineFor(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> EXIT_INTERNAL_ERROR);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> internalError(e, line.getErr(),
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))));
        commandLine.setParameterExceptionHandler((e, a) -> {
            CommandLine failed = e.getCommandLine();
            if (failed.getCommandSpec().parent() == null && a.length == 0) {
                // plain `rdpcheck`: what it can do, rather than an error about a missing subcommand
                failed.usage(failed.getErr());
                return EXIT_USAGE;
            }
            failed.getErr().println("rdpcheck: " + e.getMessage());
            // the qualified name: "rdpcheck --help" at the top, "rdpcheck check --help" below it
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_USAGE;
        });
        return commandLine.execute(args);
    }

    /**
     * A bug reached the top: one line for the person at the terminal, in words (no class name, no
     * exception text: both mean something to a developer only), and the redacted stack trace in a
     * file under {@code traceDir} whose name the line gives, so the bug can be reported.
     */
    static int internalError(Exception e, java.io.PrintWriter err, java.nio.file.Path traceDir) {
        org.slf4j.LoggerFactory.getLogger(Main.class).debug("internal error", e);
        String where;
        try {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            java.nio.file.Path file = java.nio.file.Files.createTempFile(traceDir, "rdpcheck-internal-error-", ".txt");
            java.nio.file.Files.writeString(file, rdpcheck.app.logging.LogRedaction.current().scrub(trace.toString()));
            where = "the details are in " + file;
        } catch (java.io.IOException | RuntimeException notWritten) {
            where = "run it again with RDPCHECK_LOG_LEVEL=DEBUG to see the details on standard error";
        }
        err.println("rdpcheck: internal error (a bug in rdpcheck, not a problem with your input or the host); "
                + where + ".");
        err.flush();
        return EXIT_INTERNAL_ERROR;
    }

    /**
     * The command tree a command line needs: picocli builds the model of every subcommand it is
     * given by reflection, a tenth of a short command's CPU. A line starting with a subcommand's
     * name gets the top command with that subcommand alone;
     * anything else (help, a typo, no arguments) the whole tree, so usage and suggestions list
     * every command.
     */
    static CommandLine commandLineFor(String... args) {
        // No option takes a java.sql or java.time type: picocli need not look those converters up by reflection.
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, "java\\.sql\\..*,java\\.time\\..*");
        }
        Class<?> named = args.length == 0 ? null : subcommandNamed(args[0]);
        if (named != null) {
            CommandLine alone = new CommandLine(new Alone());
            alone.addSubcommand(args[0], named);
            return alone;
        }
        return new CommandLine(new Main());
    }

    /**
     * The subcommand called {@code name}, or null: the names of {@link Main}'s annotation, spelled out
     * so that finding one does not parse every subcommand's annotations (MainTest keeps the two equal).
     */
    static Class<?> subcommandNamed(String name) {
        return switch (name) {
            case "check" -> CheckCommand.class;
            case "history" -> HistoryCommand.class;
            case "watch" -> WatchCommand.class;
            case "explain" -> ExplainCommand.class;
            case "config" -> ConfigCommand.class;
            case "serve" -> ServeCommand.class;
            case "console" -> ConsoleCommand.class;
            case "demo" -> DemoCommand.class;
            default -> null;
        };
    }
}

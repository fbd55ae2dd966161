package rdpcheck.app.it;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts and stops the real RDP servers of {@code it/peers.sh} (xrdp, FreeRDP's shadow server) on
 * 127.0.0.1. Where they are not installed the tests are skipped with a message, unless
 * {@code CI=true} (or {@code -Drdpcheck.peers.required=true}) makes that a failure.
 */
final class RealPeers {

    static final List<String> COMMANDS = List.of("xrdp", "freerdp-shadow-cli", "winpr-hash", "Xvfb", "socat", "openssl", "ss");

    /**
     * Fixed ports and one state directory: test runs on one machine (a developer's, a helper's, CI's)
     * take turns. An fcntl lock on a file in /tmp (not java.io.tmpdir, which a build may point into its
     * own target/): the kernel drops it when the JVM dies, so a killed run never blocks the next one.
     */
    static final Path LOCK = Path.of("/tmp", "rdpcheck-it.lock");
    private static FileChannel lockChannel;
    private static FileLock lock;

    private RealPeers() {
    }

    /** Waits (up to 10 minutes) until no other test run on this machine uses the peers. */
    static synchronized void acquire() throws IOException {
        lockChannel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long waitingSince = System.nanoTime();
        while ((lock = lockChannel.tryLock()) == null) {
            if (System.nanoTime() > until) {
                lockChannel.close();
                Assertions.fail("another test run held " + LOCK + " for 10 minutes");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lockChannel.close();
                throw new IOException("interrupted while waiting for " + LOCK, e);
            }
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitingSince);
        if (waited > 1000) {
            System.err.println("waited " + waited + " ms for " + LOCK + " (another run used the peers)");
        }
    }

    /** Whether this run holds the lock: only then may it touch the peers (stop them, above all). */
    static synchronized boolean held() {
        return lock != null && lock.isValid();
    }

    static synchronized void release() {
        try {
            if (lock != null) {
                lock.release();
                lock = null;
            }
            if (lockChannel != null) {
                lockChannel.close();
                lockChannel = null;
            }
        } catch (IOException e) {
            System.err.println("could not release " + LOCK + ": " + e.getMessage());
        }
    }

    static Path root() {
        String root = System.getProperty("rdpcheck.root");
        Path path = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.exists(path.resolve("it/peers.sh"))) {
            path = Path.of("").toAbsolutePath().getParent();
        }
        return path;
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getProperty("rdpcheck.peers.required"));
    }

    /** Skips (or, where required, fails) unless every server program is installed. */
    static void assumeInstalled() {
        List<String> missing = new ArrayList<>();
        for (String command : COMMANDS) {
            if (!onPath(command)) {
                missing.add(command);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "real-server tests need " + String.join(", ", missing)
                + ": install them with `sudo bash it/install-peers.sh`";
        if (required()) {
            Assertions.fail(message + " (CI=true: in CI the real-server tests are required)");
        }
        System.err.println("SKIPPED " + message);
        Assumptions.abort(message);
    }

    static void start(String... conditions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", root().resolve("it/peers.sh").toString(), "start"));
        command.addAll(List.of(conditions));
        run(command, 300);
    }

    /** Stops the peers this run started; a run that never got the lock leaves another run's peers alone. */
    static void stop(String... conditions) {
        if (!held()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("bash", root().resolve("it/peers.sh").toString(), "stop"));
        command.addAll(List.of(conditions));
        try {
            run(command, 30);
        } catch (IOException | InterruptedException | AssertionError e) {
            System.err.println("could not stop peers: " + e.getMessage());
        }
    }

    private static void run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("rdpcheck-peers", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                Assertions.fail(String.join(" ", command) + " did not finish in " + seconds + " s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            // a start that needed a second attempt says why (with the server's log) even when it then worked
            System.err.print(output);
            if (process.exitValue() != 0) {
                Assertions.fail(String.join(" ", command) + " failed:\n" + output);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}

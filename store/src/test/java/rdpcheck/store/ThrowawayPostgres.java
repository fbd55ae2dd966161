package rdpcheck.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL from Debian's packages for the tests: one throwaway cluster per test JVM,
 * made with {@code initdb} in a temporary folder, run as an unprivileged user ({@code nobody} when
 * the tests run as root: PostgreSQL refuses root), listening on 127.0.0.1 and a free port, stopped
 * and deleted when the JVM exits. Each test gets a database of its own ({@link #newDatabase}).
 *
 * <p>Where PostgreSQL is not installed the tests are skipped with a message saying how to install
 * it, unless {@code CI=true} (or {@code -Drdpcheck.peers.required=true}) makes that a failure.
 */
public final class ThrowawayPostgres {

    /** The superuser initdb makes; trust authentication, on loopback only. */
    public static final String USER = "rdpcheck";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static ThrowawayPostgres running;

    private final Path dir;
    private final int port;
    private final Path bin;
    private final boolean asNobody;

    private ThrowawayPostgres(Path dir, int port, Path bin, boolean asNobody) {
        this.dir = dir;
        this.port = port;
        this.bin = bin;
        this.asNobody = asNobody;
    }

    /** The cluster of this JVM, started on first use, for the benchmark: empty where PostgreSQL is missing. */
    public static synchronized Optional<ThrowawayPostgres> startIfInstalled() throws IOException, InterruptedException {
        if (running == null) {
            Optional<Path> bin = binaries();
            if (bin.isEmpty()) {
                return Optional.empty();
            }
            running = start(bin.get());
        }
        return Optional.of(running);
    }

    /** The cluster of this JVM, started on first use; skips (or, in CI, fails) where PostgreSQL is missing. */
    public static synchronized ThrowawayPostgres get() {
        if (running == null) {
            Optional<Path> bin = binaries();
            if (bin.isEmpty()) {
                String message = "PostgreSQL tests need Debian's postgresql package (initdb, pg_ctl): install it with"
                        + " `sudo apt-get install postgresql` or `sudo bash it/install-peers.sh`";
                if (required()) {
                    Assertions.fail(message + " (CI=true: in CI the real-server tests are required)");
                }
                System.err.println("SKIPPED " + message);
                Assumptions.abort(message);
            }
            try {
                running = start(bin.get());
            } catch (IOException | InterruptedException e) {
                Assertions.fail("could not start a throwaway PostgreSQL: " + e.getMessage(), e);
            }
        }
        return running;
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getProperty("rdpcheck.peers.required"));
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} holding initdb and pg_ctl. */
    static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(ThrowawayPostgres::version));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static ThrowawayPostgres start(Path bin) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "rdpcheck-pg-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (root) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("nobody"));
        }
        ThrowawayPostgres cluster = null;
        IOException last = null;
        for (int attempt = 1; attempt <= 3 && cluster == null; attempt++) {
            ThrowawayPostgres candidate = new ThrowawayPostgres(dir, freePort(), bin, root);
            try {
                if (attempt == 1) {
                    candidate.run(60, "initdb", "-D", dir.resolve("data").toString(), "-U", USER, "--auth=trust",
                            "-E", "UTF8", "--locale=C", "--no-sync");
                }
                candidate.run(60, "pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                        "-w", "-t", "30", "-o", "-p " + candidate.port + " -k " + dir
                                + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off", "start");
                cluster = candidate;
            } catch (IOException e) {
                last = e; // most likely the port was taken meanwhile: another one
            }
        }
        if (cluster == null) {
            throw last;
        }
        ThrowawayPostgres started = cluster;
        Runtime.getRuntime().addShutdownHook(new Thread(started::stopAndDelete, "rdpcheck-pg-stop"));
        return started;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private void run(int seconds, String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asNobody) {
            command.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("rdpcheck-pg", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish in " + seconds + " s");
            }
            if (process.exitValue() != 0) {
                String serverLog = Files.exists(dir.resolve("log")) ? "\n" + Files.readString(dir.resolve("log")) : "";
                throw new IOException(String.join(" ", command) + " failed:\n"
                        + Files.readString(log, StandardCharsets.UTF_8) + serverLog);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private void stopAndDelete() {
        try {
            run(30, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException | InterruptedException e) {
            System.err.println("could not stop the throwaway PostgreSQL in " + dir + ": " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    public int port() {
        return port;
    }

    /** The major version, e.g. 15. */
    public int version() {
        return version(bin);
    }

    /** A JDBC URL of the cluster's {@code postgres} database, as the superuser. */
    public String adminUrl() {
        return url("postgres");
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    /** A new, empty database; its JDBC URL. */
    public String newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(adminUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            Assertions.fail("could not create a database in the throwaway PostgreSQL: " + e.getMessage(), e);
        }
        return url(name);
    }
}

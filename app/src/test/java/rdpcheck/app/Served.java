package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** A child {@code rdpcheck} process and where its output goes (files, so a full pipe can never stall it). */
record Served(Process process, Path out, Path err) {

    /**
     * {@code rdpcheck serve} as a child JVM with the production log setup (the tests' logback-test.xml
     * left off the class path: its log lines on standard error), no {@code RDPCHECK_*} variables but
     * {@code env}, loopback names only; its output in {@code dir/NAME.out} and {@code dir/NAME.err}.
     */
    static Served start(Path dir, String name, Map<String, String> env) throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath,
                "-Djdk.net.hosts.file=" + hosts, Main.class.getName(), "serve");
        builder.environment().keySet().removeIf(variable -> variable.startsWith("RDPCHECK_"));
        builder.environment().putAll(env);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
        return new Served(builder.start(), out, err);
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Sends a signal by name, as {@code kill -NAME} does (Ctrl-C is INT). */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name);
    }
}

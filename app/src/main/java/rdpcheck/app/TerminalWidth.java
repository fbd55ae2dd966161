package rdpcheck.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import rdpcheck.chat.render.TerminalRenderer;

/**
 * How wide the report may be: {@code COLUMNS} when set, else the terminal's own width ({@code stty
 * size} on the controlling terminal, when standard output is one), else
 * {@value TerminalRenderer#DEFAULT_WIDTH}. Bash sets COLUMNS but does not export it, hence stty.
 */
final class TerminalWidth {

    private TerminalWidth() {
    }

    static int detect() {
        return detect(System.getenv(), System.console() != null);
    }

    static int detect(Map<String, String> env, boolean terminal) {
        Optional<Integer> columns = parse(env.get("COLUMNS"));
        if (columns.isPresent()) {
            return columns.get();
        }
        if (terminal) {
            return stty().orElse(TerminalRenderer.DEFAULT_WIDTH);
        }
        return TerminalRenderer.DEFAULT_WIDTH;
    }

    static Optional<Integer> parse(String value) {
        if (value == null || !value.strip().matches("\\d{1,4}")) {
            return Optional.empty();
        }
        int columns = Integer.parseInt(value.strip());
        return columns >= 20 ? Optional.of(columns) : Optional.empty();
    }

    /** {@code stty size < /dev/tty} prints "ROWS COLS"; bounded to a second, any failure means unknown. */
    private static Optional<Integer> stty() {
        try {
            Process process = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String[] parts = new String(process.getInputStream().readNBytes(64), StandardCharsets.US_ASCII).strip().split("\\s+");
            return parts.length == 2 ? parse(parts[1]) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

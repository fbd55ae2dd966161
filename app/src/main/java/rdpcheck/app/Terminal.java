package rdpcheck.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a person is at the other end of the standard streams. */
final class Terminal {

    private Terminal() {
    }

    /**
     * True when standard input is a terminal. {@link System#console()} needs standard output to be
     * one too ({@code serve > log} at a terminal still has a person typing), so on Linux the
     * file descriptor's target is read as well.
     */
    static boolean stdinIsTerminal() {
        if (System.console() != null) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}

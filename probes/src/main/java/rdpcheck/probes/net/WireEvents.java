package rdpcheck.probes.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * What an I/O failure on a probe connection says about the server, in words for a report. The
 * probes' own exceptions (timeouts, the byte budget, EOF) carry such words already; the
 * JDK's and libraries' texts ("Connection reset", "Broken pipe", class names) never reach a report.
 */
public final class WireEvents {

    private WireEvents() {
    }

    public static String describe(IOException e) {
        if (e instanceof SocketTimeoutException || e instanceof EOFException || e instanceof ReplyTooLargeException) {
            return String.valueOf(e.getMessage()); // written by rdpcheck: "no data for 1000 ms after 6 bytes", ...
        }
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof SocketException && text.contains("reset")) {
            return "the server reset the connection (RST)";
        }
        if (e instanceof SocketException && (text.contains("broken pipe") || text.contains("aborted"))) {
            return "the server closed the connection while rdpcheck was sending";
        }
        if (e instanceof SocketException && text.contains("closed")) {
            return "the connection was closed at the check's deadline";
        }
        return "the connection failed";
    }
}

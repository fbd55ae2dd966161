package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class WaitNoteTest {

    @Test
    void quietHost_onATerminal_noteAppears_thenIsErasedBeforeTheReport() throws Exception {
        StringWriter err = new StringWriter();
        WaitNote note = WaitNote.start(true, new PrintWriter(err), "rdp01\u001b[2J.corp:3389", Duration.ofSeconds(10));
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (err.toString().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        String shown = err.toString();
        assertEquals("checking rdp01?[2J.corp:3389: waiting for the host (up to 10 s)…", shown, "one line, control characters removed");
        note.close();
        String all = err.toString();
        assertTrue(all.endsWith("\r" + " ".repeat(shown.length()) + "\r"), "erased: " + all);
    }

    @Test
    void notATerminal_noNote() {
        assertNull(WaitNote.start(false, new PrintWriter(new StringWriter()), "rdp01", Duration.ofSeconds(10)));
    }
}

package rdpcheck.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.rdp.MalformedPduException;

class ProbeTextTest {

    @Test
    void clean_serverBytesAndClassNames_oneBoundedLineWithoutControlCharacters() {
        String hostile = "malformed ASN.1: java.io.IOException: unknown tag \u001b[2J\u0007 at\nline two\u202e"
                + "x".repeat(1000);
        String clean = ProbeText.clean(hostile);
        assertTrue(clean.startsWith("malformed ASN.1: unknown tag ?[2J? at line two?x"), clean);
        assertEquals(ProbeText.MAX_LENGTH, clean.length());
        assertTrue(clean.endsWith("…"), clean);
        assertEquals("rdp01.corp.example refused", ProbeText.clean("rdp01.corp.example refused"), "host names stay");
    }

    @Test
    void of_libraryAndJdkExceptions_areWords_ownExceptionsKeepTheirWords() {
        assertEquals("the server reset the connection (RST)", ProbeText.of(new SocketException("Connection reset by peer")));
        assertEquals("the connection failed", ProbeText.of(new IOException("org.bouncycastle.tls.TlsFatalAlert: bad_record_mac(20)")));
        assertEquals("TPKT version 4 is not 3", ProbeText.of(new MalformedPduException("TPKT version 4 is not 3")));
        String bug = ProbeText.of(new IllegalStateException("java.lang.NullPointerException at Foo.bar"));
        assertFalse(bug.contains("Exception") || bug.contains("java."), bug);
    }

    /**
     * No exception's text is glued into what a probe says except through {@link ProbeText}: a
     * concatenated {@code e.getMessage()} or {@code + e} can put a library's class names, a stack
     * frame or a server's raw bytes in front of a user.
     */
    @Test
    void probeSources_concatenateNoExceptionText() throws IOException {
        Pattern glued = Pattern.compile("\\+\\s*\\(?\\s*\\w+\\.getMessage\\(\\)|\\w+\\.getMessage\\(\\)\\s*\\+|\\+\\s*(e|error|cause)\\s*[,;)]");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString();
                if (name.equals("ProbeText.java") || name.equals("ReportReader.java") || name.equals("Playbook.java")) {
                    continue; // the cleaner itself; reading a report file and a playbook resource is not the wire
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (glued.matcher(lines.get(i)).find()) {
                        found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}

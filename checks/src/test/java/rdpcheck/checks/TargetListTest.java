package rdpcheck.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.Target;

class TargetListTest {

    private static TargetList file(String text, int max) throws TargetListException, IOException {
        return TargetList.from(List.of(), "hosts.txt",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    private static List<String> keys(TargetList list) {
        return list.targets().stream().map(Target::key).collect(Collectors.toList());
    }

    @Test
    void file_commentsBlankLinesAndCrlf_areIgnored() throws Exception {
        TargetList list = file("# session hosts\r\n\r\nrdp01.corp\r\n  10.0.0.5:3390   # the odd one\r\n\t\n[::1]:3389\n", 10);
        assertEquals(List.of("rdp01.corp:3389", "10.0.0.5:3390", "[::1]:3389"), keys(list));
        assertEquals(0, list.duplicatesDropped());
    }

    @Test
    void file_badLines_reportsEveryLineNumber() {
        TargetListException e = assertThrows(TargetListException.class,
                () -> file("rdp01.corp\nbad host\n# fine\n10.0.0.300\nok.corp:99999\n", 10));
        List<String> where = e.problems().stream().map(TargetListException.Problem::where).collect(Collectors.toList());
        assertEquals(List.of("hosts.txt:2", "hosts.txt:4", "hosts.txt:5"), where);
        assertTrue(e.getMessage().startsWith("3 bad targets:"), e.getMessage());
        assertTrue(e.getMessage().contains("hosts.txt:4: '10.0.0.300': "), e.getMessage());
    }

    @Test
    void file_duplicatesOfOneHost_keptOnceInFirstPosition() throws Exception {
        TargetList list = file("b.corp\na.corp\nB.CORP:3389\nb.corp\n", 10);
        assertEquals(List.of("b.corp:3389", "a.corp:3389"), keys(list));
        assertEquals(2, list.duplicatesDropped());
    }

    @Test
    void file_moreHostsThanTheLimit_isRefused() {
        String hosts = IntStream.rangeClosed(1, 6).mapToObj(i -> "10.0.0." + i).collect(Collectors.joining("\n"));
        TargetListException e = assertThrows(TargetListException.class, () -> file(hosts, 5));
        assertEquals("6 hosts given; the limit is 5 (--max-hosts 5; raise it to check more at once)", e.getMessage());
    }

    @Test
    void file_onlyComments_isRefusedAsEmpty() {
        TargetListException e = assertThrows(TargetListException.class, () -> file("# nothing yet\n\n", 5));
        assertTrue(e.getMessage().startsWith("no host given"), e.getMessage());
    }

    @Test
    void file_notUtf8_isRefusedWithItsLine() {
        byte[] binary = {'a', '.', 'c', 'o', '\n', (byte) 0xff, (byte) 0xfe, 0, 1, '\n'};
        TargetListException e = assertThrows(TargetListException.class,
                () -> TargetList.from(List.of(), "hosts.bin", new ByteArrayInputStream(binary), 5));
        assertEquals("hosts.bin:2: is not UTF-8 text; a targets file has one host name or address per line", e.getMessage());
    }

    @Test
    void file_hugeLine_isRefusedWithoutBufferingIt() {
        String line = "a".repeat(TargetList.MAX_LINE_BYTES + 5000);
        TargetListException e = assertThrows(TargetListException.class, () -> file("ok.corp\n" + line + "\n", 5));
        assertTrue(e.getMessage().startsWith("hosts.txt:2: '"), e.getMessage());
        assertTrue(e.getMessage().endsWith("is longer than " + TargetList.MAX_LINE_BYTES + " bytes"), e.getMessage());
    }

    /** A stream that never ends: {@code line} again and again, counting what was read. */
    private static final class Endless extends java.io.InputStream {
        private final byte[] line;
        long read;

        Endless(String line) {
            this.line = line.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            return line[(int) (read++ % line.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }

    private static TargetListException readEndless(Endless stdin, int max) {
        // Preemptive: before the bound the read never returned; a hang must fail the test, not the build.
        return assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> assertThrows(TargetListException.class,
                () -> TargetList.from(List.of(), "<stdin>", stdin, max)));
    }

    @Test
    void stdin_endlessBlankLines_stopsAtTheLineLimitWithAMessage() {
        Endless stdin = new Endless("\n");
        TargetListException e = readEndless(stdin, TargetList.DEFAULT_MAX_TARGETS);
        long limit = TargetList.maxFileLines(TargetList.DEFAULT_MAX_TARGETS);
        assertEquals("<stdin>: stopped reading at line " + (limit + 1) + ": a targets file may have at most " + limit
                + " lines, blank and comment lines included (was the right file given, or a command that ends?)",
                e.getMessage());
        assertTrue(stdin.read <= limit + 1 + 8192, "read " + stdin.read + " bytes"); // at most one buffer past the limit
    }

    @Test
    void stdin_endlessCommentLines_stopsAtTheByteLimitWithAMessage() {
        // 1000-byte comment lines reach the byte limit long before the line limit
        Endless stdin = new Endless("# " + "x".repeat(997) + "\n");
        TargetListException e = readEndless(stdin, TargetList.DEFAULT_MAX_TARGETS);
        long limit = TargetList.maxFileBytes(TargetList.DEFAULT_MAX_TARGETS);
        assertEquals("<stdin>: stopped reading after " + limit + " bytes: a targets file may have at most " + limit
                + " bytes (was the right file given, or a command that ends?)", e.getMessage());
        assertTrue(stdin.read <= limit + 1 + 8192, "read " + stdin.read + " bytes");
    }

    @Test
    void file_atTheLineLimit_isReadWhole() throws Exception {
        long limit = TargetList.maxFileLines(5);
        String text = "a.corp\n" + "# padding\n".repeat((int) limit - 2) + "b.corp\n";
        assertEquals(List.of("a.corp:3389", "b.corp:3389"), keys(file(text, 5)));
    }

    @Test
    void lineAndByteLimits_growWithALargeHostLimit() {
        assertEquals(TargetList.MIN_MAX_FILE_LINES, TargetList.maxFileLines(TargetList.DEFAULT_MAX_TARGETS));
        assertEquals(500_000, TargetList.maxFileLines(50_000));
        assertEquals(40_000_000, TargetList.maxFileBytes(50_000));
    }

    @Test
    void arguments_thenFile_keepOrderAndNameTheirSource() throws Exception {
        TargetList list = TargetList.from(List.of("z.corp"), "hosts.txt",
                new ByteArrayInputStream("a.corp\n".getBytes(StandardCharsets.UTF_8)), 5);
        assertEquals(List.of("z.corp:3389", "a.corp:3389"), keys(list));
        TargetListException e = assertThrows(TargetListException.class,
                () -> TargetList.fromArguments(List.of("ok.corp", "rm -rf"), 5));
        assertEquals("argument 2", e.problems().get(0).where());
    }

    @Test
    void manyBadLines_messageListsTwentyAndCountsTheRest() {
        String lines = IntStream.rangeClosed(1, 25).mapToObj(i -> "bad_" + i).collect(Collectors.joining("\n"));
        TargetListException e = assertThrows(TargetListException.class, () -> file(lines, 100));
        assertEquals(25, e.problems().size());
        assertTrue(e.getMessage().endsWith("... and 5 more"), e.getMessage());
    }
}

package rdpcheck.bot.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertEquals("6 hosts given; the limit is 5", e.getMessage());
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

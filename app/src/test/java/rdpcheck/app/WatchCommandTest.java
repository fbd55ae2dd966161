package rdpcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rdpcheck watch add|remove|list}: the operators' side, each call a new process's worth of state. */
class WatchCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String config(String extra) throws Exception {
        Path file = dir.resolve("rdpcheck.yaml");
        Files.writeString(file, "store:\n  url: jdbc:sqlite:" + dir.resolve("history.db") + "\n" + extra);
        return file.toString();
    }

    @Test
    void addListRemove_keptAcrossInvocations_listedPerChannelAndInAll() throws Exception {
        String config = config("");
        Run added = run("watch", "add", "rdp01.corp", "--every", "6h", "--channel", "slack:C0OPS", "--config", config);
        assertEquals(0, added.exit(), added.err());
        assertTrue(added.out().startsWith("Watching rdp01.corp:3389 every 6h in slack:C0OPS."), added.out());
        assertEquals(0, run("watch", "add", "rdp02.corp", "--config", config).exit(), "console by default");
        Run ops = run("watch", "list", "--channel", "slack:C0OPS", "--config", config);
        assertTrue(ops.out().startsWith("1 watch in slack:C0OPS:\nrdp01.corp:3389 every 6h · next within a minute"), ops.out());
        Run all = run("watch", "list", "--config", config);
        assertTrue(all.out().startsWith("2 watches:"), all.out());
        assertTrue(all.out().contains("rdp02.corp:3389 every 1h in console"), all.out());
        Run removed = run("watch", "remove", "rdp01.corp", "--channel", "slack:C0OPS", "--config", config);
        assertEquals(0, removed.exit(), removed.err());
        Run again = run("watch", "remove", "rdp01.corp", "--channel", "slack:C0OPS", "--config", config);
        assertEquals(2, again.exit());
        assertEquals("rdpcheck: slack:C0OPS does not watch rdp01.corp:3389\n", again.err());
    }

    @Test
    void add_badIntervalOrChannel_exit2SayingWhatIsAllowed() throws Exception {
        String config = config("");
        Run every = run("watch", "add", "rdp01.corp", "--every", "5m", "--config", config);
        assertEquals(2, every.exit());
        assertTrue(every.err().contains("--every is one of 30m, 1h, 6h, 1d, not '5m'"), every.err());
        Run channel = run("watch", "add", "rdp01.corp", "--channel", "C0OPS", "--config", config);
        assertEquals(2, channel.exit());
        assertTrue(channel.err().contains("is not a channel: give PLATFORM:ID"), channel.err());
    }

    @Test
    void add_aHostThePolicyDeniesInAChatChannel_isRefused_butTheConsoleMayWatchIt() throws Exception {
        String config = config("policy:\n  deny_hosts: [\"*.dmz.corp\"]\n");
        Run chat = run("watch", "add", "rdp01.dmz.corp", "--channel", "discord:1234567890", "--config", config);
        assertEquals(2, chat.exit());
        assertTrue(chat.err().startsWith("rdpcheck: the target policy does not allow rdp01.dmz.corp:3389 in discord:1234567890"),
                chat.err());
        assertEquals(0, run("watch", "add", "rdp01.dmz.corp", "--config", config).exit(),
                "policy.apply_to_cli is false: the console is the operator's own");
    }

    @Test
    void add_pastTheChannelBound_exit2NamingTheSetting() throws Exception {
        String config = config("watch:\n  max_per_channel: 1\n");
        assertEquals(0, run("watch", "add", "a.corp", "--config", config).exit());
        Run full = run("watch", "add", "b.corp", "--config", config);
        assertEquals(2, full.exit());
        assertTrue(full.err().contains("(watch.max_per_channel)"), full.err());
    }

    @Test
    void watch_whenHistoryIsOff_exit2SayingWatchesNeedTheStore() throws Exception {
        Path file = Files.writeString(dir.resolve("none.yaml"), "store:\n  url: none\n");
        Run off = run("watch", "list", "--config", file.toString());
        assertEquals(2, off.exit());
        assertTrue(off.err().startsWith("rdpcheck: watches need the history store: history is off"), off.err());
    }
}

import java.time.Duration;
import java.util.*;
import java.util.function.Supplier;

import com.slack.api.model.block.*;
import com.slack.api.model.block.composition.*;
import net.dv8tion.jda.api.entities.MessageEmbed;

import rdpcheck.checks.Answer;
import rdpcheck.chat.render.*;
import rdpcheck.chat.slack.*;
import rdpcheck.chat.discord.*;
import rdpcheck.probes.*;
import rdpcheck.probes.diagnosis.Diagnostician;
import rdpcheck.lab.*;
import rdpcheck.probes.report.Report;

/**
 * Chat sizes per demo host: the Slack channel message and thread (messages, blocks, characters of
 * block text) and the Discord reply and thread (messages, embeds, characters), as the renderers
 * produce them for a fresh answer. Usage: java -cp JAR ChatSize.java
 */
public class ChatSize {
    record Demo(String name, Supplier<ConnectionHandler> handler) { }

    static final List<Demo> DEMO = List.of(
            new Demo("healthy", LabHosts::healthy),
            new Demo("expired-cert", LabHosts::expiredSelfSigned),
            new Demo("nla-required", LabHosts::windowsServer2019Nla),
            new Demo("tls10-only", LabHosts::tls10Only),
            new Demo("rdp-security-only", LabHosts::rdpOnly),
            new Demo("silent", Misbehaviours::silent),
            new Demo("http", LabHosts::http));

    public static void main(String[] args) throws Exception {
        System.out.printf("%-18s | %-28s | %-28s | %s%n", "demo host", "slack channel: blocks/chars",
                "slack thread: msgs/blocks/chars", "discord reply embeds/chars, thread msgs/embeds/chars");
        for (Demo demo : DEMO) {
            try (LabHost host = LabHost.start(demo.name(), demo.handler().get())) {
                Target target = TargetParser.parse("127.0.0.1:" + host.port());
                Report report = Report.of(Probes.standardRunner().run(target, ProbeOptions.defaults()), new Diagnostician());
                Answer answer = new Answer(report, Answer.Freshness.NEW, Duration.ZERO);
                SlackMessage verdict = Sizes.slackVerdict(answer);
                List<SlackMessage> thread = Sizes.slackThread(answer);
                int threadBlocks = thread.stream().mapToInt(m -> m.blocks().size()).sum();
                int threadChars = thread.stream().mapToInt(Sizes::chars).sum();
                int biggestBlocks = thread.stream().mapToInt(m -> m.blocks().size()).max().orElse(0);
                MessageEmbed reply = Sizes.discordVerdict(report);
                List<List<MessageEmbed>> details = Sizes.discordThread(report);
                System.out.printf("%-18s | %3d blocks %5d chars      | %d msgs %3d blocks (max %2d) %5d chars | %d/%4d, %d msgs %2d embeds %5d chars%n",
                        demo.name(), verdict.blocks().size(), Sizes.chars(verdict), thread.size(), threadBlocks, biggestBlocks, threadChars,
                        1, reply.getLength(), details.size(), details.stream().mapToInt(List::size).sum(),
                        details.stream().flatMap(List::stream).mapToInt(MessageEmbed::getLength).sum());
            }
        }
    }

    /** The calls into the renderers; the one place to adapt when their signatures change. */
    static final class Sizes {
        static SlackMessage slackVerdict(Answer answer) {
            return new SlackRenderer().verdict(answer);
        }

        static List<SlackMessage> slackThread(Answer answer) {
            return new SlackRenderer().thread(answer);
        }

        static MessageEmbed discordVerdict(Report report) {
            return new DiscordRenderer().verdict(report, "");
        }

        static List<List<MessageEmbed>> discordThread(Report report) {
            return new DiscordRenderer().details(report);
        }

        static int chars(SlackMessage message) {
            int n = 0;
            for (LayoutBlock block : message.blocks()) {
                if (block instanceof SectionBlock s && s.getText() != null) {
                    n += s.getText().getText().length();
                } else if (block instanceof ContextBlock c) {
                    for (ContextBlockElement e : c.getElements()) {
                        if (e instanceof MarkdownTextObject m) {
                            n += m.getText().length();
                        } else if (e instanceof PlainTextObject p) {
                            n += p.getText().length();
                        }
                    }
                }
            }
            return n;
        }
    }
}

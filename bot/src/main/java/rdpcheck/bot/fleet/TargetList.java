package rdpcheck.bot.fleet;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rdpcheck.probes.InvalidTargetException;
import rdpcheck.probes.Target;
import rdpcheck.probes.TargetParser;

/**
 * The hosts of one fleet check, validated and without duplicates, from command-line arguments,
 * chat arguments or a targets file (one host per line, {@code #} starts a comment, blank lines
 * are ignored). Every bad entry is reported with where it came from, not only the first.
 *
 * @param targets            in the order given, each {@link Target#key()} once
 * @param duplicatesDropped  entries that named a host already in the list
 */
public record TargetList(List<Target> targets, int duplicatesDropped) {

    /** The CLI's default limit; chat configures its own (it should be much lower). */
    public static final int DEFAULT_MAX_TARGETS = 1000;

    /** A line longer than this is not a host name; reading stops there instead of buffering it. */
    static final int MAX_LINE_BYTES = 1024;

    public TargetList {
        targets = List.copyOf(targets);
    }

    public int size() {
        return targets.size();
    }

    /** Hosts given as arguments ({@code rdpcheck check a b c}, {@code /rdpcheck a b c}). */
    public static TargetList fromArguments(List<String> arguments, int maxTargets) throws TargetListException {
        Collector collector = new Collector(maxTargets);
        for (int i = 0; i < arguments.size(); i++) {
            collector.add(arguments.get(i), "argument " + (i + 1));
        }
        return collector.finish();
    }

    /**
     * Arguments first, then the lines of a targets file read from {@code file} (UTF-8) and
     * named {@code fileName} in messages. The stream is read, not closed.
     */
    public static TargetList from(List<String> arguments, String fileName, InputStream file, int maxTargets)
            throws TargetListException, IOException {
        Collector collector = new Collector(maxTargets);
        for (int i = 0; i < arguments.size(); i++) {
            collector.add(arguments.get(i), "argument " + (i + 1));
        }
        collector.addLines(fileName, file);
        return collector.finish();
    }

    /** Builds the list, recording every problem, and fails at the end if there was any. */
    private static final class Collector {
        private final int maxTargets;
        private final Map<String, Target> byKey = new LinkedHashMap<>();
        private final List<TargetListException.Problem> problems = new ArrayList<>();
        private int duplicates;
        private int entries;

        Collector(int maxTargets) {
            if (maxTargets < 1) {
                throw new IllegalArgumentException("maxTargets must be at least 1");
            }
            this.maxTargets = maxTargets;
        }

        void add(String text, String where) {
            entries++;
            try {
                Target target = TargetParser.parse(text);
                if (byKey.putIfAbsent(target.key(), target) != null) {
                    duplicates++;
                }
            } catch (InvalidTargetException e) {
                problems.add(new TargetListException.Problem(where, abbreviate(text), e.getMessage()));
            }
        }

        void addLines(String fileName, InputStream in) throws IOException, TargetListException {
            InputStream bytes = new BufferedInputStream(in);
            int number = 0;
            byte[] raw;
            while ((raw = readLine(bytes, fileName, number + 1)) != null) {
                number++;
                String line;
                try {
                    // Strict UTF-8: a binary file given by mistake is refused, not read as hosts.
                    line = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(raw)).toString();
                } catch (CharacterCodingException e) {
                    throw new TargetListException(List.of(new TargetListException.Problem(fileName + ":" + number, "",
                            "is not UTF-8 text; a targets file has one host name or address per line")));
                }
                int hash = line.indexOf('#');
                String entry = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!entry.isEmpty()) {
                    add(entry, fileName + ":" + number);
                }
                if (entries > maxTargets + 1000) {
                    break; // far past the limit: the count is enough to refuse the list
                }
            }
        }

        /** One line's bytes without its end ({@code \n} or {@code \r\n}); refuses a line over {@link #MAX_LINE_BYTES}. */
        private static byte[] readLine(InputStream in, String fileName, int number) throws IOException, TargetListException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (line.size() >= MAX_LINE_BYTES) {
                    throw new TargetListException(List.of(new TargetListException.Problem(fileName + ":" + number,
                            abbreviate(line.toString(StandardCharsets.UTF_8)), "is longer than " + MAX_LINE_BYTES + " bytes")));
                }
                line.write(b);
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
            byte[] bytes = line.toByteArray();
            int end = bytes.length;
            return end > 0 && bytes[end - 1] == '\r' ? Arrays.copyOf(bytes, end - 1) : bytes;
        }

        TargetList finish() throws TargetListException {
            if (!problems.isEmpty()) {
                throw new TargetListException(problems);
            }
            if (byKey.isEmpty()) {
                throw new TargetListException(List.of(new TargetListException.Problem("", "",
                        "no host given: name hosts as arguments or in a targets file")));
            }
            if (byKey.size() > maxTargets) {
                throw new TargetListException(List.of(new TargetListException.Problem("", "",
                        (entries > byKey.size() + duplicates ? "more than " : "") + byKey.size()
                                + " hosts given; the limit is " + maxTargets)));
            }
            return new TargetList(new ArrayList<>(byKey.values()), duplicates);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}

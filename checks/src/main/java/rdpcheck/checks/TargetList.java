package rdpcheck.checks;

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

    /**
     * Lines and bytes a targets file may have (for a host limit above 10,000: 10 lines and 800 bytes
     * a host). Blank and comment lines count: {@code --targets -} fed by a command that never ends
     * (say, {@code yes ''}) must stop with a message, not read forever.
     */
    static final int MIN_MAX_FILE_LINES = 100_000;
    static final long MIN_MAX_FILE_BYTES = 8L * 1024 * 1024;

    static long maxFileLines(int maxTargets) {
        return Math.max(MIN_MAX_FILE_LINES, 10L * maxTargets);
    }

    static long maxFileBytes(int maxTargets) {
        return Math.max(MIN_MAX_FILE_BYTES, 800L * maxTargets);
    }

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
            LineReader reader = new LineReader(new BufferedInputStream(in), fileName, maxFileLines(maxTargets),
                    maxFileBytes(maxTargets));
            byte[] raw;
            while ((raw = reader.next()) != null) {
                int number = reader.lines;
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
                                + " hosts given; the limit is " + maxTargets + " (--max-hosts " + maxTargets
                                + "; raise it to check more at once)")));
            }
            return new TargetList(new ArrayList<>(byKey.values()), duplicates);
        }
    }

    /** The lines of a targets file, counted against the file's limits in lines and bytes. */
    private static final class LineReader {
        private final InputStream in;
        private final String fileName;
        private final long maxLines;
        private final long maxBytes;
        int lines;
        long bytes;

        LineReader(InputStream in, String fileName, long maxLines, long maxBytes) {
            this.in = in;
            this.fileName = fileName;
            this.maxLines = maxLines;
            this.maxBytes = maxBytes;
        }

        /** The next line's bytes without its end ({@code \n} or {@code \r\n}); null at the end of the file. */
        byte[] next() throws IOException, TargetListException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int number = lines + 1;
            int b;
            while ((b = in.read()) >= 0) {
                if (++bytes > maxBytes) {
                    throw tooLong("after " + maxBytes + " bytes: a targets file may have at most " + maxBytes + " bytes");
                }
                if (b == '\n') {
                    break;
                }
                if (line.size() >= MAX_LINE_BYTES) {
                    throw new TargetListException(List.of(new TargetListException.Problem(fileName + ":" + number,
                            abbreviate(line.toString(StandardCharsets.UTF_8)), "is longer than " + MAX_LINE_BYTES + " bytes")));
                }
                line.write(b);
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
            if (number > maxLines) {
                throw tooLong("at line " + number + ": a targets file may have at most " + maxLines
                        + " lines, blank and comment lines included");
            }
            lines = number;
            byte[] read = line.toByteArray();
            int end = read.length;
            return end > 0 && read[end - 1] == '\r' ? Arrays.copyOf(read, end - 1) : read;
        }

        private TargetListException tooLong(String where) {
            return new TargetListException(List.of(new TargetListException.Problem(fileName, "",
                    "stopped reading " + where + " (was the right file given, or a command that ends?)")));
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}

package rdpcheck.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import rdpcheck.probes.InvalidTargetException;
import rdpcheck.probes.Target;
import rdpcheck.probes.TargetParser;

/**
 * What a chat message asks for, parsed the same way on every platform:
 * {@code /rdpcheck HOST[:PORT] [fresh]}, {@code /rdpcheck HOST HOST... [fresh]}, {@code /rdpcheck GATEWAY gateway},
 * {@code /rdpcheck HOST... via GATEWAY[:PORT]},
 * {@code /rdpcheck explain CODE [EXT]}, {@code /rdpcheck history HOST}, {@code /rdpcheck watch HOST [every 1h]},
 * {@code /rdpcheck unwatch HOST}, {@code /rdpcheck watches}, {@code /rdpcheck help}.
 * Parsing never throws: text that is not a command becomes {@link Invalid} with a message fit to
 * show the person who typed it.
 */
public sealed interface ChatCommand {

    /** Longer text than this is refused before any parsing: no command is this long. */
    int MAX_TEXT_LENGTH = 1_000;

    /** Check {@code target}; {@code fresh} skips the cache. */
    record Check(Target target, boolean fresh) implements ChatCommand {
        public Check {
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * Check several hosts at once ("one host or the whole farm?"): the answer is a summary grouped by
     * root cause. {@code targets} are distinct (by {@link Target#key()}), in the order typed, at least two.
     */
    record CheckMany(List<Target> targets, boolean fresh) implements ChatCommand {
        public CheckMany {
            targets = List.copyOf(targets);
            if (targets.size() < 2) {
                throw new IllegalArgumentException("CheckMany needs at least two targets, not " + targets.size());
            }
        }
    }

    /** The last checks of {@code target} the history keeps, newest first. */
    record History(Target target) implements ChatCommand {
        public History {
            Objects.requireNonNull(target, "target");
        }
    }

    /** Watch {@code target} in this channel, every {@code every} ({@link rdpcheck.checks.watch.Watch#DEFAULT_EVERY} when not said). */
    record Watch(Target target, java.time.Duration every) implements ChatCommand {
        public Watch {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(every, "every");
        }
    }

    /** Stop watching {@code target} in this channel. */
    record Unwatch(Target target) implements ChatCommand {
        public Unwatch {
            Objects.requireNonNull(target, "target");
        }
    }

    /** The watches of this channel. */
    record ListWatches() implements ChatCommand {
    }

    /** Explain a client error code, e.g. {@code 0x904} with extended code {@code 0x7}. */
    record Explain(String code, Optional<String> extended) implements ChatCommand {
        public Explain {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(extended, "extended");
        }
    }

    /** Usage. */
    record Help() implements ChatCommand {
    }

    /** Not a command; {@code message} says what is wrong in words for the person who typed it. */
    record Invalid(String message) implements ChatCommand {
        public Invalid {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The command word platforms register; a leading {@code /rdpcheck} in the text is optional. */
    String COMMAND = "/rdpcheck";

    /** Accepted spellings of an error code: hex with 0x, or decimal. */
    Pattern CODE = Pattern.compile("0x[0-9a-f]{1,8}|\\d{1,10}");

    /** Parses what follows the command word (or the whole text, command word included). */
    /**
     * A check asked for through typed fields (a Discord option, a Re-run button): {@code hosts} is
     * read as hosts only (one, or several separated by spaces), {@code fresh} as given. Anything
     * else in the host field (a command word, a second "fresh") is not a host and says so.
     */
    static ChatCommand check(String hosts, boolean fresh) {
        if (hosts == null || hosts.isBlank()) {
            return new Help();
        }
        ChatCommand parsed = parse(hosts);
        if (parsed instanceof Check check && !check.fresh()) {
            return new Check(check.target(), fresh);
        }
        if (parsed instanceof CheckMany many && !many.fresh()) {
            return new CheckMany(many.targets(), fresh);
        }
        if ((parsed instanceof History || parsed instanceof Watch || parsed instanceof Unwatch
                || parsed instanceof ListWatches) && !fresh) {
            return parsed; // Discord has no history or watch commands of their own: "history HOST" etc. in the host field
        }
        if (parsed instanceof Invalid) {
            return parsed;
        }
        return new Invalid("'" + abbreviate(hosts.strip()) + "' is not a host: give a host name or address, optionally :port.");
    }

    /** An explanation asked for through typed fields ({@code /rdpcheck-explain code: extended:}). */
    static ChatCommand explain(String code, Optional<String> extended) {
        List<String> codes = new ArrayList<>();
        codes.add(code == null ? "" : code.strip());
        extended.map(String::strip).filter(e -> !e.isEmpty()).ifPresent(codes::add);
        return codes.get(0).isEmpty() ? parseExplain(List.of()) : parseExplain(codes);
    }

    static ChatCommand parse(String text) {
        if (text == null || text.isBlank()) {
            return new Help();
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            return new Invalid("That is " + text.length() + " characters; a command is at most " + MAX_TEXT_LENGTH
                    + ". Try `/rdpcheck help`.");
        }
        List<String> words = new ArrayList<>(List.of(text.strip().split("\\s+")));
        if (words.get(0).equalsIgnoreCase(COMMAND) || words.get(0).equalsIgnoreCase("rdpcheck")) {
            words.remove(0);
        }
        if (words.isEmpty()) {
            return new Help();
        }
        String first = words.get(0).toLowerCase(Locale.ROOT);
        if (first.equals("help") || first.equals("--help") || first.equals("-h") || first.equals("?")) {
            return words.size() == 1 ? new Help() : new Invalid("`help` takes nothing after it.");
        }
        if (first.equals("explain")) {
            return parseExplain(words.subList(1, words.size()));
        }
        if (first.equals("history") && words.size() > 1) {
            if (words.size() != 2) {
                return new Invalid("Usage: `/rdpcheck history HOST[:PORT]` (one host).");
            }
            try {
                return new History(TargetParser.parse(words.get(1)));
            } catch (InvalidTargetException e) {
                return new Invalid("Cannot show the history of that: " + e.getMessage()
                        + ". Usage: `/rdpcheck history HOST[:PORT]`.");
            }
        }
        if (first.equals("watches") && words.size() == 1) {
            return new ListWatches();
        }
        if ((first.equals("watch") || first.equals("unwatch")) && words.size() > 1) {
            return parseWatch(first.equals("watch"), words.subList(1, words.size()));
        }
        boolean fresh = false;
        boolean asGateway = false;
        String via = null;
        List<String> hosts = new ArrayList<>();
        boolean routed = words.size() > 1; // a lone "gateway" or "via" is a host of that name
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String option = word.toLowerCase(Locale.ROOT);
            if (option.equals("fresh") || option.equals("--fresh")) {
                if (fresh) {
                    return new Invalid("`fresh` is said once. Usage: `/rdpcheck HOST[:PORT] [HOST...] [fresh]`.");
                }
                fresh = true;
                continue;
            }
            if (routed && option.equals(TargetParser.GATEWAY_WORD)) {
                asGateway = true;
                continue;
            }
            if (routed && option.equals(TargetParser.VIA_WORD)) {
                if (via != null || i + 1 >= words.size()) {
                    return new Invalid("`via` names one RD Gateway after the hosts: `/rdpcheck HOST via GATEWAY[:PORT]`.");
                }
                via = words.get(++i);
                continue;
            }
            hosts.add(word);
        }
        if (asGateway && via != null) {
            return new Invalid("A check is either of an RD Gateway (`/rdpcheck GATEWAY gateway`) or of hosts behind one"
                    + " (`/rdpcheck HOST via GATEWAY`), not both.");
        }
        if (hosts.isEmpty() && (asGateway || via != null)) {
            return new Invalid("Name the host: `/rdpcheck GATEWAY gateway` or `/rdpcheck HOST via GATEWAY[:PORT]`.");
        }
        java.util.Map<String, Target> targets = new java.util.LinkedHashMap<>();
        for (String word : hosts) {
            Target target;
            try {
                target = asGateway ? TargetParser.gateway(word) : via != null ? TargetParser.via(word, via)
                        : TargetParser.parse(word);
            } catch (InvalidTargetException e) {
                String what = via != null && e.getMessage().startsWith("the RD Gateway") ? "that" : "'" + abbreviate(word) + "'";
                return new Invalid("Cannot check " + (words.size() == 1 ? "that" : what) + ": "
                        + e.getMessage() + ". Usage: `/rdpcheck HOST[:PORT] [HOST...] [fresh]`.");
            }
            targets.putIfAbsent(target.key(), target);
        }
        if (targets.isEmpty()) {
            return new Invalid("`fresh` needs a host to check. Usage: `/rdpcheck HOST[:PORT] [fresh]`.");
        }
        if (targets.size() == 1) {
            return new Check(targets.values().iterator().next(), fresh);
        }
        return new CheckMany(new ArrayList<>(targets.values()), fresh);
    }

    /** {@code watch HOST [every 30m|1h|6h|1d]}, {@code unwatch HOST}: one host (a gateway or via route as typed for a check). */
    private static ChatCommand parseWatch(boolean watch, List<String> words) {
        String usage = watch ? "Usage: `/rdpcheck watch HOST[:PORT] [every 30m|1h|6h|1d]`."
                : "Usage: `/rdpcheck unwatch HOST[:PORT]`.";
        java.time.Duration every = rdpcheck.checks.watch.Watch.DEFAULT_EVERY;
        List<String> host = new ArrayList<>(words);
        int at = -1;
        for (int i = 0; i < host.size(); i++) {
            if (host.get(i).equalsIgnoreCase("every")) {
                at = i;
            }
        }
        if (at >= 0) {
            if (!watch || at != host.size() - 2) {
                return new Invalid(watch ? "`every` goes last, with one of 30m, 1h, 6h, 1d. " + usage : usage);
            }
            Optional<java.time.Duration> asked = rdpcheck.checks.watch.Watch.every(host.get(at + 1));
            if (asked.isEmpty()) {
                return new Invalid("A watch runs every 30m, 1h, 6h or 1d, not '" + abbreviate(host.get(at + 1)) + "'. " + usage);
            }
            every = asked.get();
            host = host.subList(0, at);
        }
        ChatCommand target = host.isEmpty() ? new Invalid(usage) : parse(String.join(" ", host));
        if (!(target instanceof Check check) || check.fresh()) {
            return target instanceof Invalid invalid && !host.isEmpty() ? new Invalid(invalid.message().replaceFirst(
                    "Usage: .*$", usage)) : new Invalid("A watch is of one host. " + usage);
        }
        return watch ? new Watch(check.target(), every) : new Unwatch(check.target());
    }

    private static ChatCommand parseExplain(List<String> codes) {
        if (codes.isEmpty() || codes.size() > 2) {
            return new Invalid("Usage: `/rdpcheck explain CODE [EXTENDED]`, e.g. `/rdpcheck explain 0x904 0x7`.");
        }
        List<String> normalised = new ArrayList<>();
        for (String code : codes) {
            String lower = code.toLowerCase(Locale.ROOT);
            if (!CODE.matcher(lower).matches()) {
                return new Invalid("'" + abbreviate(code) + "' is not an error code: give it as the client shows it,"
                        + " hex like 0x904 or decimal like 2308.");
            }
            normalised.add(lower);
        }
        return new Explain(normalised.get(0), normalised.size() > 1 ? Optional.of(normalised.get(1)) : Optional.empty());
    }

    private static String abbreviate(String word) {
        return word.length() <= 40 ? word : word.substring(0, 37) + "...";
    }
}

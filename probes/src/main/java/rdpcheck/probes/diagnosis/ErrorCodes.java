package rdpcheck.probes.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the codes a Remote Desktop client shows: mstsc's disconnect reason
 * ({@code IMsTscAxEvents::OnDisconnected} discReason), its extended reason
 * ({@code ExtendedDisconnectReasonCode}) and the server's Set Error Info PDU codes
 * (MS-RDPBCGR 2.2.5.1.1), which clients pass on as the extended reason. The tables are
 * resources under {@code rdpcheck/diagnosis/codes/}; each entry names likely causes and the
 * check that would confirm each.
 */
public final class ErrorCodes {

    /** The tables, in the order a main code is looked up. */
    public enum Table {
        DISCONNECT_REASON("mstsc disconnect reason", "disconnect-reasons.yaml"),
        EXTENDED_REASON("mstsc extended disconnect reason", "extended-reasons.yaml"),
        ERROR_INFO("server Set Error Info code (MS-RDPBCGR 2.2.5.1.1)", "error-info.yaml"),
        /** The 0x8009xxxx codes of the client's "An authentication error has occurred" dialog (NLA, TLS). */
        SSPI_STATUS("Windows security (SSPI) status of a failed NLA or TLS handshake", "sspi-status.yaml");

        private final String label;
        private final String resource;

        Table(String label, String resource) {
            this.label = label;
            this.resource = resource;
        }

        public String label() {
            return label;
        }
    }

    /** One likely cause and how to confirm it. */
    public record Cause(String cause, String check) {
    }

    /** One row of a table. */
    public record Entry(String code, String name, String meaning, List<Cause> causes) {
        public Entry {
            causes = causes == null ? List.of() : List.copyOf(causes);
        }

        public long value() {
            return parse(code).orElseThrow();
        }
    }

    /** What a code means in one table. */
    public record Lookup(Table table, long code, Optional<Entry> entry) {
        public boolean known() {
            return entry.isPresent();
        }
    }

    /**
     * The decoded codes: the main code and, when given, the extended one.
     *
     * @param main     the disconnect reason as looked up (or an Set Error Info code when that is what it is)
     * @param extended the extended reason as looked up, when one was given
     */
    public record Explanation(String input, Lookup main, Optional<Lookup> extended) {

        /** True when the main code is in a documented table. */
        public boolean known() {
            return main.known();
        }

        /** Plain text: what each code means, likely causes, the check that confirms each; unknown said plainly. */
        public String text() {
            StringBuilder out = new StringBuilder();
            describe(out, main, true);
            extended.ifPresent(lookup -> {
                out.append('\n');
                describe(out, lookup, false);
            });
            return out.toString().stripTrailing();
        }

        private static void describe(StringBuilder out, Lookup lookup, boolean isMain) {
            String shown = hex(lookup.code());
            if (lookup.entry().isEmpty()) {
                out.append(shown).append(isMain ? " is not a documented mstsc disconnect reason, server error code or security status."
                        : " is not a documented extended disconnect reason, server error code or security status.")
                        .append(" rdpcheck cannot say what it means; run rdpcheck check HOST to see what the server does.\n");
                return;
            }
            Entry entry = lookup.entry().get();
            out.append(shown).append(" (").append(lookup.table().label()).append(", ").append(entry.name()).append("): ")
                    .append(entry.meaning()).append('\n');
            for (Cause cause : entry.causes()) {
                out.append("  - ").append(cause.cause()).append("\n    confirm: ").append(cause.check()).append('\n');
            }
        }
    }

    private static final Map<Table, Map<Long, Entry>> TABLES = load();

    private ErrorCodes() {
    }

    /**
     * Explains {@code code} and an optional extended code, both as mstsc prints them
     * ({@code 0x904}) or in decimal ({@code 2308}). Empty when either is not a number.
     */
    public static Optional<Explanation> explain(String code, Optional<String> extended) {
        Optional<Long> main = parse(code);
        Optional<Long> ext = extended.flatMap(ErrorCodes::parse);
        if (main.isEmpty() || (extended.isPresent() && ext.isEmpty())) {
            return Optional.empty();
        }
        Lookup mainLookup = lookup(main.get(), Table.DISCONNECT_REASON, Table.ERROR_INFO, Table.SSPI_STATUS);
        Optional<Lookup> extLookup = ext.map(e -> lookup(e, Table.EXTENDED_REASON, Table.ERROR_INFO, Table.SSPI_STATUS));
        return Optional.of(new Explanation(code + extended.map(word -> " " + word).orElse(""), mainLookup, extLookup));
    }

    /** The whole of one table, in code order. */
    public static List<Entry> table(Table table) {
        return List.copyOf(TABLES.get(table).values());
    }

    /** The first of {@code tables} that documents {@code code}; unknown is reported against the first. */
    private static Lookup lookup(long code, Table... tables) {
        for (Table table : tables) {
            Entry entry = TABLES.get(table).get(code);
            if (entry != null) {
                return new Lookup(table, code, Optional.of(entry));
            }
        }
        return new Lookup(tables[0], code, Optional.empty());
    }

    /** {@code 0x904}, {@code 0X904} or decimal {@code 2308}; codes are unsigned 32-bit. */
    static Optional<Long> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        try {
            long value;
            if (trimmed.startsWith("0x") && trimmed.length() > 2 && trimmed.length() <= 10) {
                value = Long.parseLong(trimmed.substring(2), 16);
            } else if (!trimmed.isEmpty() && trimmed.length() <= 10 && trimmed.chars().allMatch(Character::isDigit)) {
                value = Long.parseLong(trimmed);
            } else {
                return Optional.empty();
            }
            return value <= 0xFFFF_FFFFL ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String hex(long code) {
        return "0x" + Long.toHexString(code).toUpperCase(Locale.ROOT);
    }

    private static Map<Table, Map<Long, Entry>> load() {
        Map<Table, Map<Long, Entry>> tables = new LinkedHashMap<>();
        for (Table table : Table.values()) {
            String path = Catalogue.RESOURCE_DIR + "codes/" + table.resource;
            try (InputStream in = ErrorCodes.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("code table missing: " + path);
                }
                List<Entry> entries = RecordYaml.readList(in, Entry.class);
                Map<Long, Entry> byCode = new LinkedHashMap<>();
                List<Entry> sorted = new ArrayList<>(entries);
                sorted.sort(java.util.Comparator.comparingLong(Entry::value));
                for (Entry entry : sorted) {
                    if (byCode.put(entry.value(), entry) != null) {
                        throw new IllegalStateException(path + ": code " + entry.code() + " twice");
                    }
                }
                tables.put(table, byCode);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return tables;
    }
}

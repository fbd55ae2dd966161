package rdpcheck.probes.nla;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.rdp.Bytes;

/**
 * The TargetInfo of a CHALLENGE_MESSAGE: a list of AV_PAIRs (MS-NLMP 2.2.2.1) ended by MsvAvEOL.
 * Decoding keeps whatever pairs are whole and notes each problem instead of failing, because a
 * half-broken list still names the machine.
 *
 * <pre>
 * AV_PAIR = AvId(2 LE) AvLen(2 LE) Value(AvLen)
 * names are UTF-16LE without terminator; MsvAvTimestamp is a FILETIME (8 LE); MsvAvFlags 4 LE
 * </pre>
 *
 * @param avIds    the AvIds in the order they came, by name (unknown ones as hex)
 * @param terminated whether the list ended with MsvAvEOL
 * @param problems what was wrong with the list, in words for a report
 */
public record TargetInfo(
        Optional<String> nbComputerName,
        Optional<String> nbDomainName,
        Optional<String> dnsComputerName,
        Optional<String> dnsDomainName,
        Optional<String> dnsTreeName,
        Optional<Instant> timestamp,
        Optional<Integer> flags,
        List<String> avIds,
        boolean terminated,
        List<String> problems) {

    static final int HEADER_LENGTH = 4;
    static final int OFFSET_AV_LEN = 2;
    static final int FILETIME_LENGTH = 8;
    static final int FLAGS_LENGTH = 4;
    /** Windows sends about eight pairs; a list of hundreds is an attack on the parser, not a server. */
    static final int MAX_PAIRS = 64;
    /** 100-ns intervals between 1601-01-01 (FILETIME's epoch) and 1970-01-01. */
    static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    public TargetInfo {
        avIds = List.copyOf(avIds);
        problems = List.copyOf(problems);
    }

    public static TargetInfo empty() {
        return new TargetInfo(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), false, List.of());
    }

    /** Names and time for the lab hosts' CHALLENGE; a terminated list in Windows' order. */
    public static TargetInfo of(String nbDomain, String nbComputer, String dnsDomain, String dnsComputer,
                                String dnsTree, Instant timestamp) {
        return new TargetInfo(Optional.of(nbComputer), Optional.of(nbDomain), Optional.of(dnsComputer),
                Optional.of(dnsDomain), Optional.of(dnsTree), Optional.of(timestamp), Optional.empty(),
                List.of(), true, List.of());
    }

    static TargetInfo decode(byte[] data, int offset, int length) {
        String nbComputer = null;
        String nbDomain = null;
        String dnsComputer = null;
        String dnsDomain = null;
        String dnsTree = null;
        Instant time = null;
        Integer avFlags = null;
        List<String> ids = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean terminated = false;
        int at = offset;
        int end = offset + length;
        while (true) {
            if (end - at < HEADER_LENGTH) {
                problems.add(at == end ? "the AV_PAIR list has no MsvAvEOL terminator"
                        : "the AV_PAIR list ends with " + (end - at) + " bytes, too few for an AV_PAIR header");
                break;
            }
            if (ids.size() == MAX_PAIRS) {
                problems.add("more than " + MAX_PAIRS + " AV_PAIRs; the rest were not read");
                break;
            }
            int id = Bytes.shortLE(data, at);
            int avLen = Bytes.shortLE(data, at + OFFSET_AV_LEN);
            int value = at + HEADER_LENGTH;
            if (avLen > end - value) {
                problems.add(String.format("AV_PAIR 0x%04x at offset %d announces %d bytes, only %d remain",
                        id, at, avLen, end - value));
                break;
            }
            Optional<AvId> known = AvId.of(id);
            ids.add(known.map(Enum::name).orElse(String.format("0x%04x", id)));
            if (known.isPresent()) {
                switch (known.get()) {
                    case MSV_AV_EOL -> terminated = true;
                    case MSV_AV_NB_COMPUTER_NAME -> nbComputer = firstName(nbComputer, data, value, avLen, problems);
                    case MSV_AV_NB_DOMAIN_NAME -> nbDomain = firstName(nbDomain, data, value, avLen, problems);
                    case MSV_AV_DNS_COMPUTER_NAME -> dnsComputer = firstName(dnsComputer, data, value, avLen, problems);
                    case MSV_AV_DNS_DOMAIN_NAME -> dnsDomain = firstName(dnsDomain, data, value, avLen, problems);
                    case MSV_AV_DNS_TREE_NAME -> dnsTree = firstName(dnsTree, data, value, avLen, problems);
                    case MSV_AV_TIMESTAMP -> {
                        if (avLen != FILETIME_LENGTH) {
                            problems.add("MsvAvTimestamp has " + avLen + " bytes, not 8");
                        } else if (time == null) {
                            time = fileTime(data, value, problems);
                        }
                    }
                    case MSV_AV_FLAGS -> {
                        if (avLen != FLAGS_LENGTH) {
                            problems.add("MsvAvFlags has " + avLen + " bytes, not 4");
                        } else if (avFlags == null) {
                            avFlags = Bytes.intLE(data, value);
                        }
                    }
                    default -> {
                        // single host, target name, channel bindings: a client's attributes, nothing to learn
                    }
                }
            }
            at = value + avLen;
            if (terminated) {
                if (avLen != 0) {
                    problems.add("MsvAvEOL carries " + avLen + " bytes instead of none");
                }
                break;
            }
        }
        return new TargetInfo(Optional.ofNullable(nbComputer), Optional.ofNullable(nbDomain),
                Optional.ofNullable(dnsComputer), Optional.ofNullable(dnsDomain), Optional.ofNullable(dnsTree),
                Optional.ofNullable(time), Optional.ofNullable(avFlags), ids, terminated, problems);
    }

    private static String firstName(String seen, byte[] data, int at, int length, List<String> problems) {
        if (seen != null) {
            problems.add("a name AV_PAIR appears twice; the first was kept");
            return seen;
        }
        if (length % 2 != 0) {
            problems.add("a name AV_PAIR has an odd length (" + length + "), not UTF-16");
        }
        return new String(data, at, length - length % 2, StandardCharsets.UTF_16LE);
    }

    private static Instant fileTime(byte[] data, int at, List<String> problems) {
        long ticks = (Bytes.intLE(data, at) & 0xffffffffL) | ((long) Bytes.intLE(data, at + 4) << 32);
        if (ticks < 0) {
            problems.add("MsvAvTimestamp is beyond the year 30828");
            return null;
        }
        long unixTicks = ticks - FILETIME_UNIX_EPOCH;
        return Instant.ofEpochSecond(Math.floorDiv(unixTicks, 10_000_000L), Math.floorMod(unixTicks, 10_000_000L) * 100);
    }

    static long toFileTime(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 10_000_000L), instant.getNano() / 100)
                + FILETIME_UNIX_EPOCH;
    }

    /** The pairs present, in the order Windows sends them, with MsvAvEOL when {@link #terminated()}. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        nbDomainName.ifPresent(v -> pair(out, AvId.MSV_AV_NB_DOMAIN_NAME, utf16(v)));
        nbComputerName.ifPresent(v -> pair(out, AvId.MSV_AV_NB_COMPUTER_NAME, utf16(v)));
        dnsDomainName.ifPresent(v -> pair(out, AvId.MSV_AV_DNS_DOMAIN_NAME, utf16(v)));
        dnsComputerName.ifPresent(v -> pair(out, AvId.MSV_AV_DNS_COMPUTER_NAME, utf16(v)));
        dnsTreeName.ifPresent(v -> pair(out, AvId.MSV_AV_DNS_TREE_NAME, utf16(v)));
        flags.ifPresent(v -> {
            byte[] value = new byte[FLAGS_LENGTH];
            Bytes.putIntLE(value, 0, v);
            pair(out, AvId.MSV_AV_FLAGS, value);
        });
        timestamp.ifPresent(v -> {
            long ticks = toFileTime(v);
            byte[] value = new byte[FILETIME_LENGTH];
            Bytes.putIntLE(value, 0, (int) ticks);
            Bytes.putIntLE(value, 4, (int) (ticks >>> 32));
            pair(out, AvId.MSV_AV_TIMESTAMP, value);
        });
        if (terminated) {
            pair(out, AvId.MSV_AV_EOL, new byte[0]);
        }
        return out.toByteArray();
    }

    private static byte[] utf16(String value) {
        return value.getBytes(StandardCharsets.UTF_16LE);
    }

    private static void pair(ByteArrayOutputStream out, AvId id, byte[] value) {
        byte[] header = new byte[HEADER_LENGTH];
        Bytes.putShortLE(header, 0, id.id());
        Bytes.putShortLE(header, OFFSET_AV_LEN, value.length);
        out.writeBytes(header);
        out.writeBytes(value);
    }
}

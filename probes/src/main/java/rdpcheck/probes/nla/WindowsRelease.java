package rdpcheck.probes.nla;

import java.util.List;
import java.util.Optional;

/**
 * The Windows release a VERSION structure's major.minor.build belongs to. Several builds are
 * shared by a client and a server edition (17763 is both Windows 10 1809 and Server 2019), and
 * NTLM does not say which edition answered, so both are kept.
 *
 * @param build  the build number the release was matched on
 * @param server the server edition with this build, if any
 * @param client the client edition with this build, if any
 * @param exact  false when the build is not in the table and the release is the nearest older one
 *               (an Insider or a build newer than this table)
 */
public record WindowsRelease(int build, Optional<String> server, Optional<String> client, boolean exact) {

    private record Entry(int major, int minor, int build, String server, String client) {
    }

    /** Builds as Microsoft ships them; "" where that build has no such edition. */
    private static final List<Entry> TABLE = List.of(
            new Entry(5, 1, 2600, "", "Windows XP"),
            new Entry(5, 2, 3790, "Windows Server 2003", "Windows XP x64"),
            new Entry(6, 0, 6000, "", "Windows Vista"),
            new Entry(6, 0, 6001, "Windows Server 2008", "Windows Vista SP1"),
            new Entry(6, 0, 6002, "Windows Server 2008 SP2", "Windows Vista SP2"),
            new Entry(6, 0, 6003, "Windows Server 2008 SP2", "Windows Vista SP2"),
            new Entry(6, 1, 7600, "Windows Server 2008 R2", "Windows 7"),
            new Entry(6, 1, 7601, "Windows Server 2008 R2 SP1", "Windows 7 SP1"),
            new Entry(6, 2, 9200, "Windows Server 2012", "Windows 8"),
            new Entry(6, 3, 9600, "Windows Server 2012 R2", "Windows 8.1"),
            new Entry(10, 0, 10240, "", "Windows 10 1507"),
            new Entry(10, 0, 10586, "", "Windows 10 1511"),
            new Entry(10, 0, 14393, "Windows Server 2016", "Windows 10 1607"),
            new Entry(10, 0, 15063, "", "Windows 10 1703"),
            new Entry(10, 0, 16299, "Windows Server 1709", "Windows 10 1709"),
            new Entry(10, 0, 17134, "Windows Server 1803", "Windows 10 1803"),
            new Entry(10, 0, 17763, "Windows Server 2019", "Windows 10 1809"),
            new Entry(10, 0, 18362, "Windows Server 1903", "Windows 10 1903"),
            new Entry(10, 0, 18363, "Windows Server 1909", "Windows 10 1909"),
            new Entry(10, 0, 19041, "Windows Server 2004", "Windows 10 2004"),
            new Entry(10, 0, 19042, "Windows Server 20H2", "Windows 10 20H2"),
            new Entry(10, 0, 19043, "", "Windows 10 21H1"),
            new Entry(10, 0, 19044, "", "Windows 10 21H2"),
            new Entry(10, 0, 19045, "", "Windows 10 22H2"),
            new Entry(10, 0, 20348, "Windows Server 2022", ""),
            new Entry(10, 0, 22000, "", "Windows 11 21H2"),
            new Entry(10, 0, 22621, "", "Windows 11 22H2"),
            new Entry(10, 0, 22631, "", "Windows 11 23H2"),
            new Entry(10, 0, 25398, "Windows Server 23H2", ""),
            new Entry(10, 0, 26100, "Windows Server 2025", "Windows 11 24H2"),
            new Entry(10, 0, 26200, "", "Windows 11 25H2"));

    /** The release of {@code major.minor.build}; the nearest older one (not exact) for builds the table lacks. */
    public static Optional<WindowsRelease> of(int major, int minor, int build) {
        Entry nearest = null;
        for (Entry entry : TABLE) {
            if (entry.major == major && entry.minor == minor) {
                if (entry.build == build) {
                    return Optional.of(from(entry, build, true));
                }
                if (entry.build < build) {
                    nearest = entry;
                }
            }
        }
        return nearest == null ? Optional.empty() : Optional.of(from(nearest, build, false));
    }

    private static WindowsRelease from(Entry entry, int build, boolean exact) {
        return new WindowsRelease(build, entry.server.isEmpty() ? Optional.empty() : Optional.of(entry.server),
                entry.client.isEmpty() ? Optional.empty() : Optional.of(entry.client), exact);
    }

    /** One line: "Windows Server 2019 or Windows 10 1809", "newer than Windows 11 24H2" for unknown builds. */
    public String describe() {
        String names = server.map(s -> client.map(c -> s + " or " + c).orElse(s)).orElseGet(() -> client.orElse("Windows"));
        return exact ? names : "a build newer than " + names;
    }
}

package rdpcheck.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rdpcheck.probes.diagnosis.Severity;

/**
 * The outcome of a fleet check: one result per host, in the order the hosts were given.
 *
 * @param hosts   in input order
 * @param elapsed wall time of the whole fleet
 */
public record FleetResult(List<HostResult> hosts, Duration elapsed) {

    public FleetResult {
        hosts = List.copyOf(hosts);
    }

    /**
     * Hosts sharing a root cause.
     *
     * @param rootCause the diagnosis id, {@link HostResult#NO_DIAGNOSIS} or {@link HostResult#CHECK_ERROR}
     * @param severity  the worst severity among the group's hosts
     * @param hosts     in input order
     */
    public record Group(String rootCause, Severity severity, List<HostResult> hosts) {
        public Group {
            hosts = List.copyOf(hosts);
        }

        public boolean hasProblems() {
            return hosts.stream().anyMatch(HostResult::hasProblems);
        }
    }

    public boolean hasProblems() {
        return hosts.stream().anyMatch(HostResult::hasProblems);
    }

    public long problemCount() {
        return hosts.stream().filter(HostResult::hasProblems).count();
    }

    public double hostsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : hosts.size() / seconds;
    }

    /**
     * Hosts grouped by root cause: worst severity first, then the biggest group (an outage shows
     * as one large group), then by id so the order is stable.
     */
    public List<Group> groups() {
        Map<String, List<HostResult>> byCause = new LinkedHashMap<>();
        for (HostResult host : hosts) {
            byCause.computeIfAbsent(host.rootCause(), k -> new ArrayList<>()).add(host);
        }
        List<Group> groups = new ArrayList<>();
        byCause.forEach((cause, members) -> groups.add(new Group(cause,
                members.stream().map(HostResult::severity).min(Enum::compareTo).orElse(Severity.OK), members)));
        groups.sort(Comparator.comparing(Group::severity)
                .thenComparing(g -> -g.hosts().size())
                .thenComparing(Group::rootCause));
        return groups;
    }
}

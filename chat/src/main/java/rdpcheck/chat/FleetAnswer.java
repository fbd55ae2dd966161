package rdpcheck.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import rdpcheck.checks.FleetResult;
import rdpcheck.checks.HostResult;
import rdpcheck.checks.Answer;

/**
 * A finished {@code /rdpcheck host1 host2 ...}: every host's result for the summary grouped by root
 * cause, and the answer behind each host that got a report (how fresh it is, for its own message).
 *
 * @param result  the hosts in the order typed; {@link FleetResult#groups()} groups them
 * @param answers by {@link rdpcheck.probes.Target#key()}, for the hosts whose check produced a report
 */
public record FleetAnswer(FleetResult result, Map<String, Answer> answers) {

    public FleetAnswer {
        Objects.requireNonNull(result, "result");
        answers = Map.copyOf(answers);
    }

    public Optional<Answer> answer(HostResult host) {
        return Optional.ofNullable(answers.get(host.target().key()));
    }

    /** The hosts with problems, worst root cause first (the order of the summary): whose reports go in the thread. */
    public List<HostResult> problemHosts() {
        List<HostResult> hosts = new ArrayList<>();
        for (FleetResult.Group group : result.groups()) {
            group.hosts().stream().filter(HostResult::hasProblems).forEach(hosts::add);
        }
        return hosts;
    }

    /** How many hosts were answered from the cache. */
    public long cachedCount() {
        return answers.values().stream().filter(a -> a.freshness() == Answer.Freshness.CACHED).count();
    }
}

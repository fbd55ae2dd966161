package rdpcheck.probes.diagnosis;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import rdpcheck.probes.nla.CredSspResult;
import rdpcheck.probes.nla.CredSspProbe;

/** Rules on the first CredSSP round: the server's CredSSP version and the clock in its NTLM CHALLENGE. */
final class NlaRules {

    private NlaRules() {
    }

    static List<Rule> all() {
        return List.of(NlaRules::clockSkew, NlaRules::credSspUpdateMissing);
    }

    static Optional<Match> clockSkew(Observations seen) {
        return seen.result(CredSspProbe.ID)
                .filter(c -> c.clockSkewOver(CredSspResult.KERBEROS_MAX_SKEW))
                .map(c -> {
                    Duration skew = c.clockSkew().orElseThrow();
                    return seen.match("nla.clock-skew")
                            .fact("skew", words(skew.abs()))
                            .fact("direction", skew.isNegative() ? "the server is behind our clock" : "the server is ahead of our clock")
                            .evidence("credssp: NTLM CHALLENGE timestamp " + c.serverTime().orElseThrow() + ", our clock "
                                    + c.localTime() + " (skew " + (skew.isNegative() ? "-" : "+") + words(skew.abs()) + ")")
                            .build();
                });
    }

    static Optional<Match> credSspUpdateMissing(Observations seen) {
        return seen.result(CredSspProbe.ID)
                .filter(CredSspResult::credSspUpdateMissing)
                .map(c -> seen.match("credssp.update-missing")
                        .fact("version", c.credSspVersion())
                        .evidence("credssp: server TSRequest version " + c.credSspVersion() + ": " + c.credSspUpdateExplained())
                        .build());
    }

    /** "7 min 12 s", "2 h 3 min", "3 days 4 h": enough precision to act on. */
    static String words(Duration d) {
        long seconds = (d.toMillis() + 500) / 1000;
        if (seconds >= 86_400) {
            return String.format(Locale.ROOT, "%d days %d h", seconds / 86_400, seconds % 86_400 / 3600);
        }
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d h %d min", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%d min %d s", seconds / 60, seconds % 60);
    }
}

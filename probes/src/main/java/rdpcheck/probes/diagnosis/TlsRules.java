package rdpcheck.probes.diagnosis;

import java.util.List;
import java.util.Optional;

import rdpcheck.probes.tls.TlsAttempt;
import rdpcheck.probes.tls.TlsOutcome;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.tls.TlsVersion;

/** Rules on the TLS handshakes after the RDP negotiation (one connection per TLS version). */
final class TlsRules {

    private TlsRules() {
    }

    static List<Rule> all() {
        return List.of(TlsRules::handshakeFailed, TlsRules::legacyOnly);
    }

    static Optional<Match> handshakeFailed(Observations seen) {
        return seen.result(TlsResult.class).filter(TlsResult::handshakeFailed).map(tls -> {
            String reason = tls.attempts().stream()
                    .filter(a -> a.outcome() instanceof TlsOutcome.Refused)
                    .map(a -> a.version().label() + ": " + ((TlsOutcome.Refused) a.outcome()).failure().detail())
                    .findFirst().orElse("every version was refused");
            return seen.match("tls.handshake-failed")
                    .fact("reason", reason)
                    .evidence("tls after requesting " + tls.requested())
                    .evidence(tls.describe())
                    .build();
        });
    }

    static Optional<Match> legacyOnly(Observations seen) {
        return seen.result(TlsResult.class).filter(TlsResult::legacyOnly).map(tls -> seen.match("tls.legacy-only")
                .fact("versions", String.join(" and ", tls.acceptedVersions().stream().map(TlsVersion::label).toList()))
                .evidence(tls.attempts().stream().map(TlsAttempt::describe).toList())
                .build());
    }
}

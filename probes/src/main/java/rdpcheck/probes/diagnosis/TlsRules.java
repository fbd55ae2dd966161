package rdpcheck.probes.diagnosis;

import java.util.List;
import java.util.Optional;

import rdpcheck.probes.tls.TlsAttempt;
import rdpcheck.probes.tls.TlsFailure;
import rdpcheck.probes.tls.TlsOutcome;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.tls.TlsVersion;

/** Rules on the TLS handshakes after the RDP negotiation (one connection per TLS version). */
final class TlsRules {

    private TlsRules() {
    }

    static List<Rule> all() {
        return List.of(TlsRules::handshakeFailed, TlsRules::legacyOnly);
    }

    static Optional<Match> handshakeFailed(Observations seen) {
        return seen.result(TlsProbe.ID).filter(TlsResult::handshakeFailed).map(tls -> {
            // TLS 1.0 is tried first and on a modern server refused with protocol_version, which says
            // nothing about why the versions it does speak failed: quote the most telling refusal.
            List<TlsAttempt> refused = tls.attempts().stream().filter(a -> a.outcome() instanceof TlsOutcome.Refused).toList();
            String reason = refused.stream()
                    .filter(a -> !isVersionRefusal(((TlsOutcome.Refused) a.outcome()).failure()))
                    .reduce((first, later) -> later)
                    .or(() -> refused.stream().reduce((first, later) -> later))
                    .map(a -> a.version().label() + ": " + ((TlsOutcome.Refused) a.outcome()).failure().detail())
                    .orElse("every version was refused");
            return seen.match("tls.handshake-failed")
                    .fact("reason", reason)
                    .evidence("tls after requesting " + tls.requested())
                    .evidence(tls.describe())
                    .build();
        });
    }

    private static boolean isVersionRefusal(TlsFailure failure) {
        return failure.kind() == TlsFailure.Kind.OTHER_VERSION || "protocol_version".equals(failure.alert().orElse(""));
    }

    static Optional<Match> legacyOnly(Observations seen) {
        return seen.result(TlsProbe.ID).filter(TlsResult::legacyOnly).map(tls -> seen.match("tls.legacy-only")
                .fact("versions", String.join(" and ", tls.acceptedVersions().stream().map(TlsVersion::label).toList()))
                .evidence(tls.attempts().stream().map(TlsAttempt::describe).toList())
                .build());
    }
}

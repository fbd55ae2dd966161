package rdpcheck.probes.diagnosis;

import java.util.List;
import java.util.Optional;

import rdpcheck.probes.rdp.mcs.EncryptionLevel;
import rdpcheck.probes.rdp.mcs.EncryptionMethod;
import rdpcheck.probes.rdp.mcs.MethodAttempt;
import rdpcheck.probes.rdp.mcs.SecurityLayerProbe;

/** Rules on Standard RDP Security (MCS Connect-Initial/Response, one connection per encryption method). */
final class SecurityLayerRules {

    private SecurityLayerRules() {
    }

    static List<Rule> all() {
        return List.of(SecurityLayerRules::weakEncryption);
    }

    static Optional<Match> weakEncryption(Observations seen) {
        return seen.result(SecurityLayerProbe.ID)
                .filter(s -> s.acceptsWeak() || s.encryptsNothing())
                .map(s -> {
                    List<String> weak = s.acceptedMethods().stream().filter(EncryptionMethod::weak)
                            .map(EncryptionMethod::label).toList();
                    String methods = s.encryptsNothing() ? "no encryption at all (method and level None)"
                            : weak.isEmpty() ? "level Low (server-to-client traffic unencrypted)"
                            : String.join(" and ", weak);
                    return seen.match("security.weak-encryption")
                            .fact("methods", methods)
                            .fact("level", s.encryptionLevel().map(EncryptionLevel::label).orElse("not announced"))
                            .severity(s.encryptsNothing() ? Severity.CRITICAL : null)
                            .evidence(s.attempts().stream().map(MethodAttempt::describe).toList())
                            .build();
                });
    }
}

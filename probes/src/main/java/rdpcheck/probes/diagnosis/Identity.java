package rdpcheck.probes.diagnosis;

import java.util.Optional;

import rdpcheck.probes.nla.CredSspResult;

/**
 * Who the host says it is, from the CredSSP/NTLM challenge when that probe ran, so the verdict
 * can show that {@code 10.0.0.7} is {@code RDP01 (CORP)} on Windows Server 2022.
 */
final class Identity {

    private Identity() {
    }

    static Optional<String> of(Observations seen) {
        return seen.result(CredSspResult.class).flatMap(CredSspResult::hostSummary);
    }
}

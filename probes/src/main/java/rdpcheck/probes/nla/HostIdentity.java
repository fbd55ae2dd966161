package rdpcheck.probes.nla;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Which machine answered, by the names its NTLM CHALLENGE gives (MS-NLMP 2.2.1.2 TargetName and
 * the AV_PAIRs of 2.2.2.1): what tells an on-call engineer that the name typed reached a load
 * balancer, a stale DNS record or the wrong box.
 */
public record HostIdentity(
        Optional<String> targetName,
        Optional<String> nbComputerName,
        Optional<String> nbDomainName,
        Optional<String> dnsComputerName,
        Optional<String> dnsDomainName,
        Optional<String> dnsTreeName) {

    public static HostIdentity of(NtlmChallengeMessage challenge) {
        TargetInfo info = challenge.targetInfo();
        return new HostIdentity(challenge.targetName(), info.nbComputerName(), info.nbDomainName(),
                info.dnsComputerName(), info.dnsDomainName(), info.dnsTreeName());
    }

    @JsonIgnore
    public boolean isEmpty() {
        return targetName.isEmpty() && nbComputerName.isEmpty() && nbDomainName.isEmpty()
                && dnsComputerName.isEmpty() && dnsDomainName.isEmpty() && dnsTreeName.isEmpty();
    }

    /** "RDP01 (CORP)", "rdp01.corp.example.com", or the target name: the shortest sure way to name the machine. */
    public String describe() {
        Optional<String> computer = nbComputerName.or(() -> dnsComputerName);
        Optional<String> domain = nbDomainName.or(() -> dnsDomainName);
        if (computer.isPresent()) {
            return computer.get() + domain.filter(d -> !d.equalsIgnoreCase(computer.get())).map(d -> " (" + d + ")").orElse("");
        }
        return targetName.orElse("an unnamed host");
    }
}

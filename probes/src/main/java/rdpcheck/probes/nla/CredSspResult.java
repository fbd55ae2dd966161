package rdpcheck.probes.nla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import rdpcheck.probes.rdp.Protocol;

/**
 * What the server said in the first CredSSP round (MS-CSSP 2.2.1, MS-NLMP 2.2.1.2), before any
 * credential: its CredSSP version, an error code if it sent one, and from the NTLM CHALLENGE the
 * machine's names, Windows version and clock.
 *
 * @param selectedProtocol    what the Connection Confirm selected (HYBRID or HYBRID_EX)
 * @param tlsVersion          the TLS version CredSSP ran over, e.g. "TLS 1.2"
 * @param credSspVersion      the server TSRequest's version
 * @param errorCode           TSRequest.errorCode (an NTSTATUS), when the server sent one
 * @param identity            the names, when the server sent a CHALLENGE
 * @param osVersion           the CHALLENGE's VERSION structure
 * @param serverTime          MsvAvTimestamp
 * @param localTime           our clock ({@code ProbeOptions.clock()}) when the CHALLENGE arrived
 * @param negotiateFlags      the CHALLENGE's NegotiateFlags (0 without a CHALLENGE)
 * @param problems            what was wrong in the CHALLENGE but did not stop its decoding
 */
public record CredSspResult(
        int selectedProtocol,
        String tlsVersion,
        int credSspVersion,
        Optional<Long> errorCode,
        Optional<HostIdentity> identity,
        Optional<NtlmVersion> osVersion,
        Optional<Instant> serverTime,
        Instant localTime,
        int negotiateFlags,
        List<String> problems,
        double millis) {

    /** The skew above which Kerberos (5 minutes by default) and NLA logons start to fail. */
    public static final Duration KERBEROS_MAX_SKEW = Duration.ofMinutes(5);

    public CredSspResult {
        problems = List.copyOf(problems);
    }

    @JsonProperty("selectedProtocolName")
    public String selectedProtocolName() {
        return Protocol.fromSelected(selectedProtocol).map(Enum::name).orElse(String.format("0x%x", selectedProtocol));
    }

    /** STATUS_LOGON_FAILURE (0xc000006d) and the like. */
    @JsonProperty("errorName")
    public Optional<String> errorName() {
        return errorCode.map(NtStatus::describe);
    }

    /** What the CredSSP version proves about the CVE-2018-0886 update, and only that. */
    @JsonProperty("credSspUpdate")
    public CredSspVersion credSspUpdate() {
        return CredSspVersion.of(credSspVersion);
    }

    @JsonProperty("credSspUpdateExplained")
    public String credSspUpdateExplained() {
        return credSspUpdate().explain(credSspVersion);
    }

    /** The server's CredSSP predates the March 2018 update: the credssp.* diagnosis. */
    public boolean credSspUpdateMissing() {
        return credSspUpdate() == CredSspVersion.BEFORE_2018_UPDATE;
    }

    /** "10.0.17763". */
    @JsonProperty("osVersionNumber")
    public Optional<String> osVersionNumber() {
        return osVersion.map(NtlmVersion::number);
    }

    @JsonProperty("windowsRelease")
    public Optional<WindowsRelease> windowsRelease() {
        return osVersion.flatMap(NtlmVersion::release);
    }

    /** Server clock minus ours: positive when the server is ahead. */
    public Optional<Duration> clockSkew() {
        return serverTime.map(server -> Duration.between(localTime, server));
    }

    @JsonProperty("clockSkewMillis")
    public Optional<Long> clockSkewMillis() {
        return clockSkew().map(Duration::toMillis);
    }

    /** The clocks differ by more than {@code limit} either way: the nla.clock-skew rule with 5 minutes. */
    public boolean clockSkewOver(Duration limit) {
        return clockSkew().map(skew -> skew.abs().compareTo(limit) > 0).orElse(false);
    }

    @JsonProperty("negotiateFlagNames")
    public List<String> negotiateFlagNames() {
        return NegotiateFlag.namesOf(negotiateFlags);
    }

    /**
     * For the verdict: "RDP01 (CORP), Windows Server 2019 or Windows 10 1809 (10.0.17763)". Both
     * editions are named when a build is shared: NTLM does not say which one answered.
     */
    @JsonProperty("hostSummary")
    public Optional<String> hostSummary() {
        if (identity.isEmpty() && osVersion.isEmpty()) {
            return Optional.empty();
        }
        String who = identity.map(HostIdentity::describe).orElse("an unnamed host");
        String what = osVersion.map(v -> v.release().map(r -> r.describe() + " (" + v.number() + ")")
                .orElse("version " + v.number())).map(s -> ", " + s).orElse("");
        return Optional.of(who + what);
    }
}

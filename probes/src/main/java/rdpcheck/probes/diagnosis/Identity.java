package rdpcheck.probes.diagnosis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.Findings;
import rdpcheck.probes.cert.CertificateResult;
import rdpcheck.probes.cert.CertificateProbe;
import rdpcheck.probes.nla.CredSspResult;
import rdpcheck.probes.nla.CredSspProbe;
import rdpcheck.probes.nla.NtlmVersion;
import rdpcheck.probes.nla.WindowsRelease;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.NegotiationProbe;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.tls.TlsVersion;

/**
 * Who the host says it is, from the CredSSP/NTLM challenge when that probe ran. The NTLM VERSION
 * is a claim, not a fact: FreeRDP/WinPR-based servers (FreeRDP shadow, ogon, gnome-remote-desktop)
 * send a fixed 6.1.7601 whatever they run on. A Windows release is named only when the rest of the
 * evidence agrees with it; when it points elsewhere the sentence says what disagrees.
 */
public final class Identity {

    /** What WinPR's GetVersionEx reports off Windows, so what its NTLM puts in every CHALLENGE. */
    static final NtlmVersion WINPR_FIXED = new NtlmVersion(6, 1, 7601, NtlmVersion.NTLMSSP_REVISION_W2K3);
    /** The first builds with TLS 1.3 in SChannel (Server 2022, Windows 11). */
    static final int FIRST_TLS13_BUILD = 20348;
    /** The first release that selects HYBRID_EX for a request offering it (Server 2012, Windows 8). */
    static final int FIRST_HYBRID_EX_BUILD = 9200;
    /** Windows makes its own RDP certificate valid for six months and renews it; years mean someone else made it. */
    static final Duration WINDOWS_SELF_SIGNED_LIFETIME = Duration.ofDays(366);

    private Identity() {
    }

    /**
     * What the NTLM VERSION claims and whether the rest of the check agrees: "NTLM version
     * 10.0.17763: Windows Server 2019 or Windows 10 1809", or "NTLM version 6.1.7601, the value
     * FreeRDP/WinPR-based servers send whatever they run on; not Windows Server 2008 R2 SP1 or
     * Windows 7 SP1: it accepts TLS 1.3, ...". Empty without a VERSION.
     */
    public static Optional<String> versionClaim(Findings findings) {
        Optional<CredSspResult> credssp = findings.result(CredSspProbe.ID);
        if (credssp.isEmpty() || credssp.get().osVersion().isEmpty()) {
            return Optional.empty();
        }
        NtlmVersion version = credssp.get().osVersion().get();
        String claim = "NTLM version " + version.number();
        Optional<WindowsRelease> release = version.release();
        if (release.isEmpty()) {
            return Optional.of(claim + ", not a Windows release");
        }
        List<String> disagreements = disagreements(findings, release.get(), credssp.get());
        boolean winpr = sameVersion(version, WINPR_FIXED);
        if (disagreements.isEmpty()) {
            return Optional.of(claim + ": " + release.get().describe()
                    + (winpr ? ", or a FreeRDP/WinPR-based server, which sends this version whatever it runs on" : ""));
        }
        return Optional.of(claim + (winpr ? ", the value FreeRDP/WinPR-based servers send whatever they run on" : "")
                + "; not " + release.get().describe() + ": " + String.join("; ", disagreements));
    }

    private static boolean sameVersion(NtlmVersion a, NtlmVersion b) {
        return a.major() == b.major() && a.minor() == b.minor() && a.build() == b.build();
    }

    /** What the rest of the check saw that the claimed Windows release never does. */
    static List<String> disagreements(Findings seen, WindowsRelease release, CredSspResult credssp) {
        List<String> found = new ArrayList<>();
        int build = release.build();
        boolean windowsVersion = credssp.osVersion().map(v -> v.major() >= 6).orElse(false);
        if (!windowsVersion) {
            return found;
        }
        if (build < FIRST_TLS13_BUILD && seen.result(TlsProbe.ID).map(t -> t.accepts(TlsVersion.TLS_1_3)).orElse(false)) {
            found.add("it accepts TLS 1.3, which Windows offers only from Server 2022 / Windows 11");
        }
        if (build >= FIRST_HYBRID_EX_BUILD && seen.result(NegotiationProbe.ID)
                .flatMap(n -> n.reply(NegotiationRules.MSTSC_REQUEST))
                .filter(r -> r instanceof NegotiationReply.Selected s && s.is(Protocol.PROTOCOL_HYBRID)).isPresent()) {
            found.add("offered HYBRID_EX as mstsc does, it chose plain HYBRID; Windows since Server 2012 chooses HYBRID_EX");
        }
        seen.result(CertificateProbe.ID)
                .filter(c -> c.selfSigned() && computerNamed(c, credssp))
                .filter(c -> Duration.between(c.leaf().notBefore(), c.leaf().notAfter()).compareTo(WINDOWS_SELF_SIGNED_LIFETIME) > 0)
                .ifPresent(c -> found.add("its self-signed certificate for the computer's name is valid for "
                        + Duration.between(c.leaf().notBefore(), c.leaf().notAfter()).toDays() / 365
                        + " years; the one Windows makes for RDP lasts six months"));
        return found;
    }

    private static boolean computerNamed(CertificateResult certificate, CredSspResult credssp) {
        Optional<String> cn = certificate.leaf().commonName();
        return cn.isPresent() && credssp.identity().map(id -> id.nbComputerName().or(id::dnsComputerName)
                .map(name -> name.equalsIgnoreCase(cn.get())).orElse(false)).orElse(false);
    }
}

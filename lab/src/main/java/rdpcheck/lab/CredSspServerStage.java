package rdpcheck.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.nla.NegotiateFlag;
import rdpcheck.probes.nla.NtlmChallengeMessage;
import rdpcheck.probes.nla.NtlmNegotiateMessage;
import rdpcheck.probes.nla.NtlmVersion;
import rdpcheck.probes.nla.TargetInfo;
import rdpcheck.probes.nla.TsRequest;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * The server side of the first CredSSP round, inside TLS: reads the client's TSRequest with its
 * NTLM NEGOTIATE and answers as Windows does (MS-CSSP 3.2.5, MS-NLMP 3.2.5.1.1): a TSRequest of its
 * own CredSSP version carrying a CHALLENGE with the machine's names, VERSION and clock. Then waits
 * for the client to leave.
 *
 * @param credSspVersion the version it answers with: 6 updated, 2 to 4 before the 2018 update
 * @param nbDomain       NetBIOS domain, also the CHALLENGE's TargetName
 * @param nbComputer     NetBIOS computer name
 * @param dnsDomain      DNS domain (and tree) name
 * @param version        the VERSION structure; Windows Server 2019 sends 10.0.17763
 * @param clock          the server's clock; a fixed offset from real time makes a skewed host
 * @param errorCode      when present, answers with this NTSTATUS and no token instead of a CHALLENGE
 */
public record CredSspServerStage(int credSspVersion, String nbDomain, String nbComputer, String dnsDomain,
                                 NtlmVersion version, Clock clock, Optional<Long> errorCode) implements AfterTls {

    /** The flags Windows Server 2019 answers a standard NEGOTIATE with. */
    static final int SERVER_FLAGS = NegotiateFlag.maskOf(NegotiateFlag.NTLMSSP_NEGOTIATE_UNICODE,
            NegotiateFlag.NTLMSSP_REQUEST_TARGET, NegotiateFlag.NTLMSSP_NEGOTIATE_NTLM,
            NegotiateFlag.NTLMSSP_NEGOTIATE_ALWAYS_SIGN, NegotiateFlag.NTLMSSP_TARGET_TYPE_DOMAIN,
            NegotiateFlag.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY, NegotiateFlag.NTLMSSP_NEGOTIATE_TARGET_INFO,
            NegotiateFlag.NTLMSSP_NEGOTIATE_VERSION, NegotiateFlag.NTLMSSP_NEGOTIATE_128,
            NegotiateFlag.NTLMSSP_NEGOTIATE_KEY_EXCH, NegotiateFlag.NTLMSSP_NEGOTIATE_56);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** RDP01 in CORP (corp.example.com), Windows Server 2019, CredSSP 6, clock right. */
    public static CredSspServerStage windowsServer2019() {
        return new CredSspServerStage(6, "CORP", "RDP01", "corp.example.com", new NtlmVersion(10, 0, 17763, 15),
                Clock.systemUTC(), Optional.empty());
    }

    /** RDP01 in CORP, Windows Server 2022 (the first with TLS 1.3), CredSSP 6, clock right. */
    public static CredSspServerStage windowsServer2022() {
        return windowsServer2019().withVersion(new NtlmVersion(10, 0, 20348, 15));
    }

    public CredSspServerStage withCredSspVersion(int value) {
        return new CredSspServerStage(value, nbDomain, nbComputer, dnsDomain, version, clock, errorCode);
    }

    public CredSspServerStage withClockOffset(Duration offset) {
        return new CredSspServerStage(credSspVersion, nbDomain, nbComputer, dnsDomain, version,
                Clock.offset(clock, offset), errorCode);
    }

    public CredSspServerStage withVersion(NtlmVersion value) {
        return new CredSspServerStage(credSspVersion, nbDomain, nbComputer, dnsDomain, value, clock, errorCode);
    }

    public CredSspServerStage failingWith(long ntStatus) {
        return new CredSspServerStage(credSspVersion, nbDomain, nbComputer, dnsDomain, version, clock, Optional.of(ntStatus));
    }

    @Override
    public void proceed(InputStream in, OutputStream out, ConnectionRequest request, int selectedProtocol) throws IOException {
        try {
            TsRequest first = TsRequest.decode(TsRequest.read(in, TsRequest.MAX_LENGTH));
            if (first.negoTokens().isEmpty()) {
                return;
            }
            NtlmNegotiateMessage.decode(first.negoTokens().get(0));
        } catch (MalformedPduException e) {
            return; // Windows drops a client whose first token is not NTLM/SPNEGO
        }
        int answerVersion = Math.min(credSspVersion, TsRequest.CURRENT_VERSION);
        TsRequest answer;
        if (errorCode.isPresent()) {
            answer = TsRequest.withError(answerVersion, errorCode.get());
        } else {
            Instant now = clock.instant();
            NtlmChallengeMessage challenge = new NtlmChallengeMessage(Optional.of(nbDomain), SERVER_FLAGS,
                    TargetInfo.of(nbDomain, nbComputer, dnsDomain, nbComputer.toLowerCase(java.util.Locale.ROOT) + "." + dnsDomain,
                            dnsDomain, now),
                    Optional.of(version), List.of());
            byte[] serverChallenge = new byte[8];
            RANDOM.nextBytes(serverChallenge);
            answer = TsRequest.withToken(answerVersion, challenge.encode(serverChallenge));
        }
        out.write(answer.encode());
        out.flush();
        AfterTls.DRAIN.proceed(in, out, request, selectedProtocol);
    }
}

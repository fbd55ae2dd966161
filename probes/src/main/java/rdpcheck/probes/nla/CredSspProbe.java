package rdpcheck.probes.nla;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeText;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.tls.TlsProbe;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.net.ReplyTooLargeException;
import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.tls.AfterHybridHandshake;
import rdpcheck.probes.tls.HybridAnswer;
import rdpcheck.probes.tls.TlsOutcome;
import rdpcheck.probes.tls.TlsResult;
import rdpcheck.probes.tls.TlsSession;

/**
 * The first CredSSP round: a TSRequest (version 6) carrying an NTLM NEGOTIATE, and the server's
 * TSRequest with its CHALLENGE. Sends no credential and stops there, so the server logs no failed
 * logon.
 *
 * <p>The round runs on the tls probe's connections ({@link #firstRound()} is its
 * {@link AfterHybridHandshake}): a CredSSP connection begins with the same X.224 request and TLS
 * handshake, so this probe spends no connection or handshake of its own and only reads the answer
 * of the newest TLS version's connection.
 */
public final class CredSspProbe implements Probe<CredSspResult> {

    /** Reads the first CredSSP round the tls probe's connections held after their handshakes. */
    public static final ProbeId<CredSspResult> ID = ProbeId.of("credssp", CredSspResult.class, TlsProbe.ID);

    @Override
    public ProbeId<CredSspResult> id() {
        return ID;
    }

    /** What the tls probe does after a handshake on a connection whose server selected CredSSP. */
    public static AfterHybridHandshake firstRound() {
        return CredSspProbe::exchange;
    }

    @Override
    public CredSspResult run(ProbeContext context) throws ProbeException {
        TlsResult tls = context.result(TlsProbe.ID)
                .orElseThrow(() -> new ProbeSkipped("the tls probe has no result to build on"));
        if (tls.hybridAnswer().isPresent()) {
            return analyse(tls.hybridAnswer().get());
        }
        Optional<Integer> selected = tls.selectedProtocol();
        if (selected.isPresent() && selected.get() != Protocol.PROTOCOL_HYBRID.bits()
                && selected.get() != Protocol.PROTOCOL_HYBRID_EX.bits()) {
            throw new ProbeSkipped("the server does not offer CredSSP (NLA): offered TLS and CredSSP, it selected "
                    + Protocol.describeMask(selected.get()));
        }
        if (tls.handshakeFailed()) {
            String why = tls.attempts().stream().filter(a -> a.outcome() instanceof TlsOutcome.Refused)
                    .map(a -> ((TlsOutcome.Refused) a.outcome()).failure().detail()).reduce((a, b) -> b).orElse("");
            throw new ProbeSkipped("no TLS to run CredSSP in: " + why);
        }
        throw new ProbeSkipped("no connection of the tls probe got as far as CredSSP");
    }

    /** Sends the NTLM NEGOTIATE in a TSRequest and reads the answer; never throws for what the server does. */
    private static HybridAnswer exchange(TlsSession tls, int selectedProtocol, Clock clock) {
        long started = System.nanoTime();
        try {
            OutputStream out = tls.output();
            out.write(TsRequest.withToken(TsRequest.CURRENT_VERSION, NtlmNegotiateMessage.standard().encode()).encode());
            out.flush();
            byte[] answer = TsRequest.read(tls.input(), TsRequest.MAX_LENGTH);
            return HybridAnswer.replied(tls.version(), selectedProtocol, answer, clock.instant(), millisSince(started));
        } catch (SocketTimeoutException e) {
            return failed(tls, selectedProtocol, clock, started, "no TSRequest came back: " + ProbeText.of(e));
        } catch (EOFException e) {
            return failed(tls, selectedProtocol, clock, started,
                    "the server closed the connection instead of answering the NTLM NEGOTIATE: " + ProbeText.of(e));
        } catch (ReplyTooLargeException e) {
            return failed(tls, selectedProtocol, clock, started, "the server's answer is too large: " + ProbeText.of(e));
        } catch (MalformedPduException e) {
            return failed(tls, selectedProtocol, clock, started, "the server's answer is not a TSRequest: " + ProbeText.of(e));
        } catch (IOException e) {
            // TLS records that stop making sense (a bad MAC, an alert, a record the engine refuses) or a
            // broken connection: the library's text names its own classes, so say what is known instead.
            return failed(tls, selectedProtocol, clock, started, "the TLS connection failed while reading the"
                    + " server's answer to the NTLM NEGOTIATE" + (e instanceof java.net.SocketException
                    ? " (the connection was closed or reset)" : " (the server's TLS records could not be read)"));
        } catch (RuntimeException | StackOverflowError e) {
            // a bug on hostile input must read as what it is, not take the tls probe's leg down
            return failed(tls, selectedProtocol, clock, started,
                    "rdpcheck could not process the server's answer to the NTLM NEGOTIATE (an error in rdpcheck)");
        }
    }

    private static HybridAnswer failed(TlsSession tls, int selectedProtocol, Clock clock, long started, String why) {
        return HybridAnswer.failed(tls.version(), selectedProtocol, why, clock.instant(), millisSince(started));
    }

    private static double millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000.0;
    }

    private static CredSspResult analyse(HybridAnswer hybrid) throws ProbeException {
        if (hybrid.failure().isPresent()) {
            throw new ProbeException(hybrid.failure().get());
        }
        byte[] answer = hybrid.reply().orElseThrow();
        TsRequest request;
        try {
            request = TsRequest.decode(answer);
        } catch (MalformedPduException e) {
            throw new ProbeException("the server's TSRequest is malformed: " + ProbeText.of(e) + " ["
                    + Bytes.hexPreview(answer, 32) + "]");
        }
        List<String> problems = new ArrayList<>();
        Optional<NtlmChallengeMessage> challenge = Optional.empty();
        if (!request.negoTokens().isEmpty()) {
            try {
                challenge = Optional.of(NtlmChallengeMessage.decodeToken(request.negoTokens().get(0)));
            } catch (MalformedPduException e) {
                problems.add("the negoToken is not an NTLM CHALLENGE: " + ProbeText.of(e));
            }
        } else if (request.errorCode().isEmpty()) {
            problems.add("the server's TSRequest carries neither a token nor an error code");
        }
        challenge.ifPresent(c -> {
            problems.addAll(c.problems());
            problems.addAll(c.targetInfo().problems());
        });
        return new CredSspResult(hybrid.selectedProtocol(), hybrid.version().label(), request.version(),
                request.errorCode(), challenge.map(HostIdentity::of).filter(id -> !id.isEmpty()),
                challenge.flatMap(NtlmChallengeMessage::version),
                challenge.flatMap(c -> c.targetInfo().timestamp()), hybrid.receivedAt(),
                challenge.map(NtlmChallengeMessage::negotiateFlags).orElse(0), problems, hybrid.millis());
    }
}

package rdpcheck.probes.nla;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeException;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.ReplyTooLargeException;
import rdpcheck.probes.rdp.Bytes;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.RdpHandshake;
import rdpcheck.probes.tls.RdpTls;
import rdpcheck.probes.tls.TlsHandshakeException;
import rdpcheck.probes.tls.TlsSession;
import rdpcheck.probes.tls.TlsVersion;

/**
 * The first CredSSP round: X.224 selecting CredSSP, TLS, a TSRequest (version 6) carrying an NTLM
 * NEGOTIATE, and the server's TSRequest with its CHALLENGE. Sends no credential and closes there,
 * so the server logs no failed logon.
 *
 * <p>It does not wait for the negotiation probe: the server's answer to its own X.224 request
 * says whether CredSSP follows, and starting right after the tcp probe saves two round trips.
 */
public final class CredSspProbe implements Probe<CredSspResult> {

    /**
     * TLS and CredSSP, as a client that can do both offers them: every NLA server selects CredSSP
     * (servers with HYBRID_EX support HYBRID too); asking for HYBRID_EX as well would only add the
     * Early User Authorization PDU, which comes after the round this probe stops at.
     */
    static final int REQUESTED_PROTOCOLS = Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits();

    @Override
    public ProbeId id() {
        return ProbeId.CREDSSP;
    }

    @Override
    public Class<CredSspResult> resultType() {
        return CredSspResult.class;
    }

    @Override
    public CredSspResult run(ProbeContext context) throws ProbeException {
        Optional<String> sni = context.target().isIpLiteral() ? Optional.empty() : Optional.of(context.target().host());
        long started = System.nanoTime();
        try (Connection connection = context.connect()) {
            NegotiationReply reply = RdpHandshake.negotiate(connection, ConnectionRequest.of(REQUESTED_PROTOCOLS));
            if (!(reply instanceof NegotiationReply.Selected selected)
                    || !(selected.is(Protocol.PROTOCOL_HYBRID) || selected.is(Protocol.PROTOCOL_HYBRID_EX))) {
                throw new ProbeSkipped(whyNoCredSsp(reply));
            }
            TlsSession tls;
            try {
                tls = RdpTls.handshake(connection, EnumSet.allOf(TlsVersion.class), sni);
            } catch (TlsHandshakeException e) {
                // The tls probe reports a failed handshake; CredSSP has nothing to run on.
                throw new ProbeSkipped("no TLS to run CredSSP in: " + e.failure().detail());
            }
            try (tls) {
                return exchange(context, tls, selected.selectedProtocol(), started);
            }
        }
    }

    /** Why CredSSP does not follow, from the server's answer to a request offering TLS and CredSSP. */
    static String whyNoCredSsp(NegotiationReply reply) {
        if (reply instanceof NegotiationReply.Selected || reply instanceof NegotiationReply.Refused
                || reply instanceof NegotiationReply.NoNegotiationData) {
            return "the server does not offer CredSSP (NLA): offered TLS and CredSSP, it answered " + reply.describe();
        }
        return "no CredSSP: the server did not answer as an RDP server: " + reply.describe();
    }

    private static CredSspResult exchange(ProbeContext context, TlsSession tls, int selectedProtocol, long started)
            throws ProbeException {
        byte[] answer;
        try {
            OutputStream out = tls.output();
            out.write(TsRequest.withToken(TsRequest.CURRENT_VERSION, NtlmNegotiateMessage.standard().encode()).encode());
            out.flush();
            answer = TsRequest.read(tls.input(), TsRequest.MAX_LENGTH);
        } catch (SocketTimeoutException e) {
            throw new ProbeException("no TSRequest came back: " + e.getMessage());
        } catch (EOFException e) {
            throw new ProbeException("the server closed the connection instead of answering the NTLM NEGOTIATE: "
                    + e.getMessage());
        } catch (ReplyTooLargeException e) {
            throw new ProbeException("the server's answer is too large: " + e.getMessage());
        } catch (MalformedPduException e) {
            throw new ProbeException("the server's answer is not a TSRequest: " + e.getMessage());
        } catch (IOException e) {
            throw new ProbeException("the CredSSP exchange failed: " + e.getMessage());
        }
        Instant localTime = context.options().clock().instant();
        TsRequest request;
        try {
            request = TsRequest.decode(answer);
        } catch (MalformedPduException e) {
            throw new ProbeException("the server's TSRequest is malformed: " + e.getMessage() + " ["
                    + Bytes.hexPreview(answer, 32) + "]");
        }
        List<String> problems = new ArrayList<>();
        Optional<NtlmChallengeMessage> challenge = Optional.empty();
        if (!request.negoTokens().isEmpty()) {
            try {
                challenge = Optional.of(NtlmChallengeMessage.decodeToken(request.negoTokens().get(0)));
            } catch (MalformedPduException e) {
                problems.add("the negoToken is not an NTLM CHALLENGE: " + e.getMessage());
            }
        } else if (request.errorCode().isEmpty()) {
            problems.add("the server's TSRequest carries neither a token nor an error code");
        }
        challenge.ifPresent(c -> {
            problems.addAll(c.problems());
            problems.addAll(c.targetInfo().problems());
        });
        double millis = (System.nanoTime() - started) / 1_000_000.0;
        return new CredSspResult(selectedProtocol, tls.version().label(), request.version(), request.errorCode(),
                challenge.map(HostIdentity::of).filter(id -> !id.isEmpty()),
                challenge.flatMap(NtlmChallengeMessage::version),
                challenge.flatMap(c -> c.targetInfo().timestamp()), localTime,
                challenge.map(NtlmChallengeMessage::negotiateFlags).orElse(0), problems, millis);
    }
}

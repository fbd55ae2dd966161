package rdpcheck.probes.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import rdpcheck.probes.Endpoint;
import rdpcheck.probes.Probe;
import rdpcheck.probes.ProbeContext;
import rdpcheck.probes.ProbeId;
import rdpcheck.probes.ProbeSkipped;
import rdpcheck.probes.net.Legs;
import rdpcheck.probes.nla.HostIdentity;
import rdpcheck.probes.nla.NtlmChallengeMessage;
import rdpcheck.probes.nla.NtlmNegotiateMessage;
import rdpcheck.probes.rdp.MalformedPduException;

/**
 * Asks the RD Gateway's HTTP transports what an RDG client asks before it authenticates (see
 * {@link GatewayHttpResult}), each request on its own TLS connection, side by side, to the address
 * the gateway-tls probe connected to. Sends no credential: the only {@code Authorization} is an NTLM
 * NEGOTIATE, which names no user, and the probe stops at the CHALLENGE, so the gateway logs no
 * failed logon.
 */
final class GatewayHttpProbe implements Probe<GatewayHttpResult> {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Endpoint endpoint;

    GatewayHttpProbe(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public ProbeId<GatewayHttpResult> id() {
        return GatewayProbes.HTTP;
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public GatewayHttpResult run(ProbeContext context) throws ProbeSkipped, InterruptedException {
        GatewayTlsResult tls = context.result(GatewayProbes.TLS)
                .orElseThrow(() -> new ProbeSkipped("the gateway-tls probe has no result"));
        if (!tls.handshakeCompleted() || tls.address().isEmpty()) {
            throw new ProbeSkipped("no TLS handshake with the gateway completed: " + tls.detail());
        }
        long started = System.nanoTime();
        String host = tls.host();
        int port = GatewayProbes.port(endpoint, context);
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(tls.address().get()), port); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new ProbeSkipped("the gateway-tls probe's address is not a literal");
        }
        String field = GatewayLink.hostField(host, port);
        String key = RdgRequest.websocketKey(RANDOM);
        String negotiate = Base64.getEncoder().encodeToString(NtlmNegotiateMessage.standard().encode());
        List<RdgRequest> requests = List.of(RdgRequest.outData(field, Optional.empty()), RdgRequest.websocket(field, key),
                RdgRequest.rpcInData(field), RdgRequest.outData(field, Optional.of("NTLM " + negotiate)));
        List<Callable<GatewayLink.Answer>> legs = new ArrayList<>();
        requests.forEach(request -> legs.add(() -> GatewayLink.exchange(context, address, host, request)));
        List<GatewayLink.Answer> answers = Legs.runAll(legs, context.deadline(), failure -> null);
        GatewayLink.Answer rdg = orUnanswered(answers.get(0), requests.get(0));
        GatewayLink.Answer websocket = orUnanswered(answers.get(1), requests.get(1));
        GatewayLink.Answer rpc = orUnanswered(answers.get(2), requests.get(2));
        GatewayLink.Answer ntlm = orUnanswered(answers.get(3), requests.get(3));

        List<String> problems = new ArrayList<>();
        Optional<NtlmChallengeMessage> challenge = challenge(ntlm, "NTLM", problems);
        boolean negotiateOnly = rdg.exchange().schemes().stream().anyMatch(s -> s.equalsIgnoreCase("Negotiate"))
                && rdg.exchange().schemes().stream().noneMatch(s -> s.equalsIgnoreCase("NTLM"));
        if (challenge.isEmpty() && negotiateOnly && !context.deadline().expired()) {
            // Negotiate (SPNEGO) takes a raw NTLM token too: the gateway answers in kind
            RdgRequest request = RdgRequest.outData(field, Optional.of("Negotiate " + negotiate));
            ntlm = GatewayLink.exchange(context, address, host, request);
            problems.clear();
            challenge = challenge(ntlm, "Negotiate", problems);
        }
        challenge.ifPresent(c -> {
            problems.addAll(c.problems());
            problems.addAll(c.targetInfo().problems());
        });
        return new GatewayHttpResult(GatewayProbes.key(host, port), rdg.exchange(), websocket.exchange(), rpc.exchange(),
                Optional.of(ntlm.exchange()), websocketAnswer(websocket, key), challenge.map(HostIdentity::of).filter(i -> !i.isEmpty()),
                challenge.flatMap(NtlmChallengeMessage::version), problems, GatewayLink.millisSince(started));
    }

    private static GatewayLink.Answer orUnanswered(GatewayLink.Answer answer, RdgRequest request) {
        if (answer != null) {
            return answer;
        }
        return new GatewayLink.Answer(new HttpExchange(request.line(), HttpExchange.Kind.TIMED_OUT,
                Optional.empty(), "", Optional.empty(), List.of(), "still waiting for the answer at the check's deadline", 0),
                Optional.empty());
    }

    /** The NTLM CHALLENGE in the answer's {@code scheme} challenge, when there is one. */
    static Optional<NtlmChallengeMessage> challenge(GatewayLink.Answer answer, String scheme, List<String> problems) {
        if (answer.head().isEmpty()) {
            problems.add("no answer to the NTLM NEGOTIATE: " + answer.exchange().detail());
            return Optional.empty();
        }
        try {
            for (AuthChallenge challenge : AuthChallenge.parse(answer.head().get().values("WWW-Authenticate"))) {
                Optional<byte[]> token = challenge.is(scheme) ? challenge.tokenBytes() : Optional.empty();
                if (token.isPresent()) {
                    return Optional.of(NtlmChallengeMessage.decodeToken(token.get()));
                }
            }
            problems.add("the answer to the NTLM NEGOTIATE (" + answer.exchange().status().map(String::valueOf).orElse("?")
                    + ") carries no " + scheme + " challenge token");
        } catch (MalformedPduException e) {
            problems.add("the gateway's " + scheme + " challenge is not an NTLM CHALLENGE: " + rdpcheck.probes.ProbeText.of(e));
        }
        return Optional.empty();
    }

    static GatewayHttpResult.WebSocketAnswer websocketAnswer(GatewayLink.Answer answer, String key) {
        if (answer.head().isEmpty()) {
            return GatewayHttpResult.WebSocketAnswer.NO_ANSWER;
        }
        HttpResponseHead head = answer.head().get();
        if (head.status() != 101) {
            return GatewayHttpResult.WebSocketAnswer.NOT_SWITCHED;
        }
        boolean accepted = head.value("Sec-WebSocket-Accept").map(RdgRequest.websocketAccept(key)::equals).orElse(false)
                && head.lists("Upgrade", "websocket");
        return accepted ? GatewayHttpResult.WebSocketAnswer.SWITCHED : GatewayHttpResult.WebSocketAnswer.BAD_ACCEPT;
    }
}

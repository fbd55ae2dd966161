package rdpcheck.probes.gateway;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import rdpcheck.probes.nla.HostIdentity;
import rdpcheck.probes.nla.NtlmVersion;

/**
 * What the RD Gateway's HTTP transports answered, before any credential (MS-TSGU 3.3.5.1):
 *
 * <ul>
 * <li>{@code rdg}: {@code RDG_OUT_DATA /remoteDesktopGateway/} with an {@code RDG-Connection-Id}, which an RD
 * Gateway answers with 401 and the authentication schemes it accepts;</li>
 * <li>{@code websocket}: the same resource asked for as a WebSocket (RFC 6455 4.1), as the web client asks,
 * with the gateway's own authentication inside the tunnel ({@code RDG-Auth-Scheme: SSPI_NTLM}): a gateway
 * that has the WebSocket transport answers 101, one behind a proxy that strips the upgrade does not;</li>
 * <li>{@code rpc}: the legacy RPC-over-HTTP endpoint ({@code RPC_IN_DATA /rpc/rpcproxy.dll}, MS-TSGU 2.1.1);</li>
 * <li>{@code ntlm}: {@code RDG_OUT_DATA} again with an NTLM NEGOTIATE in {@code Authorization}, answered with
 * a 401 carrying the NTLM CHALLENGE: the gateway machine's names and Windows version, as for CredSSP.</li>
 * </ul>
 *
 * @param gateway   {@code gw.corp:443}
 * @param identity  the names from the NTLM CHALLENGE
 * @param osVersion the CHALLENGE's VERSION (a claim)
 * @param problems  what was wrong in an answer but did not stop the probe
 * @param millis    all requests, side by side
 */
public record GatewayHttpResult(String gateway, HttpExchange rdg, HttpExchange websocket, HttpExchange rpc,
                                Optional<HttpExchange> ntlm, WebSocketAnswer websocketAnswer,
                                Optional<HostIdentity> identity, Optional<NtlmVersion> osVersion, List<String> problems,
                                double millis) {

    /** How the WebSocket request ended. */
    public enum WebSocketAnswer {
        /** 101 Switching Protocols with the right Sec-WebSocket-Accept: the WebSocket transport works end to end. */
        SWITCHED,
        /** 101 with a missing or wrong Sec-WebSocket-Accept: something in between answers for the gateway, badly. */
        BAD_ACCEPT,
        /** An HTTP answer without the switch (the gateway did not see the upgrade, or does not offer it). */
        NOT_SWITCHED,
        /** No HTTP answer at all. */
        NO_ANSWER
    }

    /** The value of {@code Server} an RD Gateway's own HTTP.sys sends. */
    public static final String HTTP_SYS = "Microsoft-HTTPAPI/2.0";

    public GatewayHttpResult {
        problems = List.copyOf(problems);
    }

    /** The gateway answered {@code RDG_OUT_DATA} as MS-TSGU says: 401 and at least one scheme. */
    @JsonProperty("speaksRdg")
    public boolean speaksRdg() {
        return rdg.answered(401) && !rdg.schemes().isEmpty();
    }

    /** The schemes the gateway accepts, from its 401 to {@code RDG_OUT_DATA}. */
    @JsonProperty("authSchemes")
    public List<String> authSchemes() {
        return rdg.schemes();
    }

    public boolean offers(String scheme) {
        return authSchemes().stream().anyMatch(s -> s.equalsIgnoreCase(scheme));
    }

    /** Kerberos is possible: the gateway offers Negotiate (SPNEGO). */
    @JsonProperty("negotiateOffered")
    public boolean negotiateOffered() {
        return offers("Negotiate");
    }

    @JsonProperty("websocketAvailable")
    public boolean websocketAvailable() {
        return websocketAnswer == WebSocketAnswer.SWITCHED;
    }

    /** The legacy RPC-over-HTTP endpoint answers: 401 (it wants credentials) or 200. */
    @JsonProperty("legacyRpcAvailable")
    public boolean legacyRpcAvailable() {
        return rpc.answered(401) || rpc.answered(200);
    }

    /** Who answered, by its Server field, when that is not HTTP.sys: a proxy or CDN in front. */
    @JsonProperty("frontServer")
    public Optional<String> frontServer() {
        return rdg.server().filter(s -> !s.equalsIgnoreCase(HTTP_SYS));
    }
}

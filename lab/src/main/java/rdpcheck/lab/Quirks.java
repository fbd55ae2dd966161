package rdpcheck.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import rdpcheck.probes.nla.NtlmVersion;
import rdpcheck.probes.rdp.ConnectionConfirm;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.FailureCode;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.rdp.NegotiationResult;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.Tpkt;
import rdpcheck.probes.tls.TlsVersion;

/**
 * Negotiation quirks real servers show (MS-RDPBCGR 2.2.1.2, 3.3.5.3): odd answers to requests no
 * client sends alone (RDSTLS, RDSAAD, HYBRID_EX or HYBRID alone), one protocol selected for
 * everything, a peer that speaks TLS as a client, servers that are not Windows but claim its
 * NTLM version. Every diagnosis must hold on these as on the plain personalities of
 * {@link LabHosts}.
 */
public final class Quirks {

    private Quirks() {
    }

    /** What a server does with a request outside {@link NegotiationResult#CLIENT_REQUESTS}. */
    sealed interface OddAnswer {
        record Bytes(byte[] answer) implements OddAnswer {
        }

        record Silence() implements OddAnswer {
        }

        record Reset() implements OddAnswer {
        }
    }

    /** The case: TLS for every request with SSL, SSL_NOT_ALLOWED_BY_SERVER to the odd ones. */
    public static ConnectionHandler tlsServerRefusingOddRequestsAsSslNotAllowed() {
        return oddRequests(xrdpLikeTls(), new OddAnswer.Bytes(ConnectionConfirm.encodeFailure(
                FailureCode.SSL_NOT_ALLOWED_BY_SERVER.code())));
    }

    /** Every personality with a parameter: each RDP_NEG_FAILURE code (and an unknown one) as the odd answer. */
    public static Map<String, Supplier<ConnectionHandler>> variants() {
        Map<String, Supplier<ConnectionHandler>> all = new LinkedHashMap<>();
        for (FailureCode code : FailureCode.values()) {
            byte[] failure = ConnectionConfirm.encodeFailure(code.code());
            all.put("windows-nla, odd requests get " + code, () -> oddRequests(windowsNla(), new OddAnswer.Bytes(failure)));
            all.put("tls-only, odd requests get " + code, () -> oddRequests(xrdpLikeTls(), new OddAnswer.Bytes(failure)));
            all.put("rdp-only, odd requests get " + code, () -> oddRequests(
                    new RdpLabHandler(WindowsPolicy.rdpOnly(), AfterConfirm.HANG_UP), new OddAnswer.Bytes(failure)));
        }
        byte[] unknown = ConnectionConfirm.encodeFailure(0x7f);
        all.put("windows-nla, odd requests get unknown failure 0x7f", () -> oddRequests(windowsNla(), new OddAnswer.Bytes(unknown)));
        all.put("windows-nla, odd requests get SSL selected", () -> oddRequests(windowsNla(),
                new OddAnswer.Bytes(ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_SSL.bits(), 0))));
        all.put("tls-only, odd requests get PROTOCOL_RDP selected", () -> oddRequests(xrdpLikeTls(),
                new OddAnswer.Bytes(ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_RDP.bits(), 0))));
        all.put("windows-nla, odd requests silent", () -> oddRequests(windowsNla(), new OddAnswer.Silence()));
        all.put("windows-nla, odd requests reset", () -> oddRequests(windowsNla(), new OddAnswer.Reset()));
        return all;
    }

    /** Selects PROTOCOL_SSL whatever is asked, PROTOCOL_RDP alone included, then does TLS (no CredSSP). */
    public static ConnectionHandler sslSelectedForEverything() {
        return new RdpLabHandler(request -> ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_SSL.bits(), 0),
                TlsStage.serving(LabCerts.healthy()));
    }

    /**
     * Confirms TLS, then, instead of answering the ClientHello, sends a ClientHello of its own: a
     * TLS client on the port (a tunnel or proxy configured the wrong way round).
     */
    public static ConnectionHandler sendsClientHelloAfterConfirm() {
        return Misbehaviours.confirmThen(Protocol.PROTOCOL_SSL.bits(), clientHello(), false);
    }

    /** Sends a TLS ClientHello as soon as it accepts, before any X.224: a TLS client, not an RDP server. */
    public static ConnectionHandler sendsClientHelloFirst() {
        return Misbehaviours.banner(clientHello());
    }

    /**
     * Requires CredSSP with early user authorization: selects HYBRID_EX when offered and refuses
     * everything else, SSL|HYBRID included, with HYBRID_REQUIRED_BY_SERVER.
     */
    public static ConnectionHandler hybridExOnly() {
        NegotiationPolicy policy = request -> {
            int requested = request.requestedProtocols().orElse(0);
            return (requested & Protocol.PROTOCOL_HYBRID_EX.bits()) != 0
                    ? ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_HYBRID_EX.bits(), WindowsPolicy.MODERN_FLAGS)
                    : ConnectionConfirm.encodeFailure(FailureCode.HYBRID_REQUIRED_BY_SERVER.code());
        };
        return new RdpLabHandler(policy, TlsStage.serving(LabCerts.windowsSelfSigned("RDPLAB-EX")));
    }

    /** Windows behind an RD Connection Broker: RDSTLS selected for an RDSTLS request, NLA required otherwise. */
    public static ConnectionHandler rdstlsSelectedWhenAsked() {
        return oddRequests(windowsNla(), new OddAnswer.Bytes(ConnectionConfirm.encodeSelected(
                Protocol.PROTOCOL_RDSTLS.bits(), WindowsPolicy.MODERN_FLAGS)));
    }

    /**
     * Server 2008 R2 SP1 with NLA not required: no HYBRID_EX (mstsc's request gets HYBRID), TLS 1.0
     * only, Standard RDP Security still accepted, NTLM version 6.1.7601.
     */
    public static ConnectionHandler windowsServer2008R2() {
        NegotiationPolicy policy = request -> {
            int requested = request.requestedProtocols().orElse(0);
            if ((requested & Protocol.PROTOCOL_HYBRID.bits()) != 0) {
                return ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_HYBRID.bits(), 0x01);
            }
            return ConnectionConfirm.encodeSelected((requested & Protocol.PROTOCOL_SSL.bits()) != 0
                    ? Protocol.PROTOCOL_SSL.bits() : Protocol.PROTOCOL_RDP.bits(), 0x01);
        };
        return new RdpLabHandler(policy, TlsStage.serving(LabCerts.windowsSelfSigned("OLDTS"))
                .onlyVersions(java.util.EnumSet.of(TlsVersion.TLS_1_0))
                .then(new CredSspServerStage(6, "CORP", "OLDTS", "corp.example.com", new NtlmVersion(6, 1, 7601, 15),
                        Clock.systemUTC(), Optional.empty())));
    }

    /**
     * A FreeRDP/WinPR-based server (FreeRDP shadow, ogon, gnome-remote-desktop): NLA required, TLS
     * 1.2 and 1.3, and the NTLM VERSION WinPR always sends, 6.1.7601, whatever it runs on.
     */
    public static ConnectionHandler winprServer() {
        NegotiationPolicy policy = request -> {
            int requested = request.requestedProtocols().orElse(0);
            return (requested & Protocol.PROTOCOL_HYBRID.bits()) != 0
                    ? ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_HYBRID.bits(), 0)
                    : ConnectionConfirm.encodeFailure(FailureCode.HYBRID_REQUIRED_BY_SERVER.code());
        };
        // like FreeRDP's own certificate: self-signed for the host name, five years
        LabCertificate certificate = LabCertificates.builder("GRD-HOST").dns("GRD-HOST").validDays(-30, 5 * 365).build();
        return new RdpLabHandler(policy, TlsStage.serving(certificate)
                .onlyVersions(java.util.EnumSet.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3))
                .then(new CredSspServerStage(6, "GRD-HOST", "GRD-HOST", "GRD-HOST", new NtlmVersion(6, 1, 7601, 15),
                        Clock.systemUTC(), Optional.empty())));
    }

    /** A request with RDP_NEG_REQ for PROTOCOL_RDP gets a bare confirm (no negotiation data); TLS requests get TLS. */
    public static ConnectionHandler bareConfirmForRdpRequest() {
        NegotiationPolicy policy = request -> {
            int requested = request.requestedProtocols().orElse(0);
            return (requested & Protocol.PROTOCOL_SSL.bits()) != 0
                    ? ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_SSL.bits(), 0)
                    : ConnectionConfirm.encodeLegacy();
        };
        return new RdpLabHandler(policy, TlsStage.serving(LabCerts.healthy()));
    }

    /** Windows with NLA required and a working TLS listener answering CredSSP. */
    static ConnectionHandler windowsNla() {
        return new RdpLabHandler(WindowsPolicy.requiringNla(), TlsStage.serving(LabCerts.healthy()));
    }

    /** xrdp with security_layer=tls: TLS for any request with the SSL bit, SSL_REQUIRED_BY_SERVER otherwise. */
    static ConnectionHandler xrdpLikeTls() {
        return LabHosts.xrdpTls();
    }

    /** {@code normal} for the requests clients send; {@code odd} for the rest. */
    static ConnectionHandler oddRequests(ConnectionHandler normal, OddAnswer odd) {
        if (!(normal instanceof RdpLabHandler rdp)) {
            throw new IllegalArgumentException("odd-request quirks wrap an RdpLabHandler");
        }
        return socket -> {
            ConnectionRequest request;
            try {
                request = ConnectionRequest.decode(Tpkt.read(socket.getInputStream(), RdpLabHandler.MAX_REQUEST));
            } catch (MalformedPduException e) {
                return;
            }
            int requested = request.requestedProtocols().orElse(0);
            if (request.requestedProtocols().isEmpty() || NegotiationResult.CLIENT_REQUESTS.contains(requested)) {
                rdp.answer(socket, request);
                return;
            }
            answerOdd(socket, odd);
        };
    }

    private static void answerOdd(Socket socket, OddAnswer odd) throws IOException {
        if (odd instanceof OddAnswer.Bytes bytes) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes.answer());
            out.flush();
            AfterTls.DRAIN.proceed(socket.getInputStream(), out, null, 0);
        } else if (odd instanceof OddAnswer.Silence) {
            Misbehaviours.silent().handle(socket);
        } else {
            socket.setSoLinger(true, 0);
        }
    }

    /**
     * A minimal TLS 1.2 ClientHello record: TLS record header (type 22, version 3.1, length 45),
     * handshake header (type 1 ClientHello, length 41), client_version 3.3, 32 bytes of random, an
     * empty session id, one cipher suite (TLS_RSA_WITH_AES_128_CBC_SHA), null compression.
     */
    static byte[] clientHello() {
        byte[] hello = new byte[50];
        int i = 0;
        hello[i++] = 22;
        hello[i++] = 3;
        hello[i++] = 1;
        hello[i++] = 0;
        hello[i++] = 45;
        hello[i++] = 1;
        hello[i++] = 0;
        hello[i++] = 0;
        hello[i++] = 41;
        hello[i++] = 3;
        hello[i++] = 3;
        for (int r = 0; r < 32; r++) {
            hello[i++] = (byte) (r * 7 + 1);
        }
        hello[i++] = 0;
        hello[i++] = 0;
        hello[i++] = 2;
        hello[i++] = 0;
        hello[i++] = 0x2f;
        hello[i++] = 1;
        hello[i] = 0;
        return hello;
    }
}

package rdpcheck.probes.lab;

import java.nio.charset.StandardCharsets;

import rdpcheck.probes.rdp.ConnectionConfirm;

/**
 * Named simulated hosts for tests and the demo. Probe areas add their stages (TLS, CredSSP,
 * MCS) to these as they grow.
 */
public final class LabHosts {

    private LabHosts() {
    }

    /** Windows with NLA required (the default since Server 2012). */
    public static ConnectionHandler nlaRequired() {
        return new RdpLabHandler(WindowsPolicy.requiringNla(), AfterConfirm.HANG_UP);
    }

    /** Windows accepting TLS and CredSSP, requiring neither NLA nor TLS. */
    public static ConnectionHandler negotiate() {
        return new RdpLabHandler(WindowsPolicy.negotiate(), AfterConfirm.HANG_UP);
    }

    /** Windows with SecurityLayer = 2 (TLS required), NLA not required. */
    public static ConnectionHandler tlsRequired() {
        return new RdpLabHandler(WindowsPolicy.tlsRequired(), AfterConfirm.HANG_UP);
    }

    /** Windows with SecurityLayer = 0: Standard RDP Security only. */
    public static ConnectionHandler rdpOnly() {
        return new RdpLabHandler(WindowsPolicy.rdpOnly(), AfterConfirm.HANG_UP);
    }

    /** Windows 2000 / Server 2003 before SP1: a confirm without negotiation data. */
    public static ConnectionHandler preVista() {
        return new RdpLabHandler(request -> ConnectionConfirm.encodeLegacy(), AfterConfirm.HANG_UP);
    }

    /** A listener whose TLS certificate is gone: RDP_NEG_FAILURE SSL_CERT_NOT_ON_SERVER to any TLS request. */
    public static ConnectionHandler certificateMissing() {
        return new RdpLabHandler(new WindowsPolicy(WindowsPolicy.SecurityLayer.NEGOTIATE, false, false,
                WindowsPolicy.MODERN_FLAGS), AfterConfirm.HANG_UP);
    }

    /**
     * Windows with NLA required and a working TLS listener: HYBRID connections get a TLS handshake
     * (self-signed certificate for {@code RDPLAB-NLA}, TLS 1.0 to 1.3), then {@code credssp} runs inside it.
     */
    public static ConnectionHandler nlaRequiredWithTls(AfterTls credssp) {
        return new RdpLabHandler(WindowsPolicy.requiringNla(),
                TlsStage.serving(LabCerts.windowsSelfSigned("RDPLAB-NLA")).then(credssp));
    }

    /** {@link #nlaRequiredWithTls(AfterTls)} whose server says nothing inside TLS. */
    public static ConnectionHandler nlaRequiredWithTls() {
        return nlaRequiredWithTls(AfterTls.DRAIN);
    }

    /** Windows with TLS required (NLA not) and a healthy CA-issued certificate for {@code lab.rdpcheck.test}. */
    public static ConnectionHandler healthyTls() {
        return new RdpLabHandler(WindowsPolicy.tlsRequired(), TlsStage.serving(LabCerts.healthy()));
    }

    /** An HTTP server on the RDP port. */
    public static ConnectionHandler http() {
        return Misbehaviours.replies("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** An SSH server on the RDP port. */
    public static ConnectionHandler ssh() {
        return Misbehaviours.banner("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}

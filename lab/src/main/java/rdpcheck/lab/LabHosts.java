package rdpcheck.lab;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import rdpcheck.probes.rdp.ConnectionConfirm;
import rdpcheck.probes.tls.TlsVersion;

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

    /** Windows with SecurityLayer = 0 and MinEncryptionLevel {@code level}, answering MCS as MS-RDPBCGR 5.3.2 says. */
    public static ConnectionHandler rdpOnly(rdpcheck.probes.rdp.mcs.EncryptionLevel level) {
        return new RdpLabHandler(WindowsPolicy.rdpOnly(), StandardSecurityStage.windows(level));
    }

    /**
     * Like xrdp with {@code security_layer=rdp} and {@code crypt_level=high}: answers every
     * Connect-Initial with 128-bit RC4, whatever the client offered.
     */
    public static ConnectionHandler xrdpRdpOnly() {
        return new RdpLabHandler(WindowsPolicy.rdpOnly(), new StandardSecurityStage(
                rdpcheck.probes.rdp.mcs.EncryptionLevel.HIGH, true, 0x00080004, 2048));
    }

    /**
     * Like xrdp with {@code security_layer=tls}: no CredSSP of its own, so a request offering TLS
     * (with or without CredSSP) gets TLS, one without TLS gets SSL_REQUIRED_BY_SERVER.
     */
    public static ConnectionHandler xrdpTls() {
        return new RdpLabHandler(request -> request.requestedProtocols()
                .filter(requested -> (requested & rdpcheck.probes.rdp.Protocol.PROTOCOL_SSL.bits()) != 0)
                .map(requested -> ConnectionConfirm.encodeSelected(rdpcheck.probes.rdp.Protocol.PROTOCOL_SSL.bits(), 0))
                .orElse(ConnectionConfirm.encodeFailure(
                        rdpcheck.probes.rdp.FailureCode.SSL_REQUIRED_BY_SERVER.code())),
                TlsStage.serving(LabCerts.healthy()));
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

    /** The same with only {@code versions} of TLS, e.g. a Windows Server 2019 (no TLS 1.3). */
    public static ConnectionHandler nlaRequiredWithTls(AfterTls credssp, Set<TlsVersion> versions) {
        return new RdpLabHandler(WindowsPolicy.requiringNla(),
                TlsStage.serving(LabCerts.windowsSelfSigned("RDPLAB-NLA")).onlyVersions(versions).then(credssp));
    }

    /** {@link #nlaRequiredWithTls(AfterTls)} whose server says nothing inside TLS. */
    public static ConnectionHandler nlaRequiredWithTls() {
        return nlaRequiredWithTls(AfterTls.DRAIN);
    }

    /** RDP01 in CORP, Windows Server 2019 with the CredSSP update, NLA required, clock right. */
    public static ConnectionHandler windowsServer2019Nla() {
        // Server 2019's SChannel has no TLS 1.3: a 2019 that offered it would not be a 2019
        return nlaRequiredWithTls(CredSspServerStage.windowsServer2019(),
                EnumSet.of(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.TLS_1_2));
    }

    /** A Server 2012 R2 that never got the March 2018 CredSSP update: answers TSRequest version 3. */
    public static ConnectionHandler credSspUnpatched() {
        return nlaRequiredWithTls(CredSspServerStage.windowsServer2019().withCredSspVersion(3)
                .withVersion(new rdpcheck.probes.nla.NtlmVersion(6, 3, 9600, 15)));
    }

    /** Server 2019 whose clock runs {@code offset} ahead (negative: behind). */
    public static ConnectionHandler clockSkewed(java.time.Duration offset) {
        return nlaRequiredWithTls(CredSspServerStage.windowsServer2019().withClockOffset(offset));
    }

    /**
     * Windows as it should be: NLA required, TLS 1.0 to 1.3 with a valid CA-issued certificate
     * for {@code lab.rdpcheck.test} and 127.0.0.1, CredSSP answered as RDP01 in CORP.
     */
    public static ConnectionHandler healthy() {
        return new RdpLabHandler(WindowsPolicy.requiringNla(), TlsStage.serving(LabCerts.healthy()));
    }

    /** Windows with TLS required (NLA not) and a healthy CA-issued certificate for {@code lab.rdpcheck.test}. */
    public static ConnectionHandler healthyTls() {
        return new RdpLabHandler(WindowsPolicy.tlsRequired(), TlsStage.serving(LabCerts.healthy()));
    }

    /** TLS required, certificate self-signed and expired 30 days ago (names right). */
    public static ConnectionHandler expiredSelfSigned() {
        return tlsHost(LabCerts.expiredSelfSigned(), EnumSet.allOf(TlsVersion.class));
    }

    /** TLS required, CA-issued certificate valid only from 10 days from now. */
    public static ConnectionHandler notYetValid() {
        return tlsHost(LabCerts.notYetValid(), EnumSet.allOf(TlsVersion.class));
    }

    /** TLS required, CA-issued certificate for {@code rdp99.other.example} / {@code *.other.example}. */
    public static ConnectionHandler wrongName() {
        return tlsHost(LabCerts.wrongName(), EnumSet.allOf(TlsVersion.class));
    }

    /** TLS required, CA-issued certificate with a 1024-bit RSA key. */
    public static ConnectionHandler weakKey() {
        return tlsHost(LabCerts.weakKey(), EnumSet.allOf(TlsVersion.class));
    }

    /** TLS required, CA-issued certificate signed with SHA-1. */
    public static ConnectionHandler sha1Signature() {
        return tlsHost(LabCerts.sha1Signed(), EnumSet.allOf(TlsVersion.class));
    }

    /** TLS required, CA-issued certificate whose EKU lists clientAuth only. */
    public static ConnectionHandler noServerAuth() {
        return tlsHost(LabCerts.clientAuthOnly(), EnumSet.allOf(TlsVersion.class));
    }

    /** An old server (Server 2008 R2 unpatched, or 1.1/1.2 disabled): TLS 1.0 only, healthy certificate. */
    public static ConnectionHandler tls10Only() {
        return tlsHost(LabCerts.healthy(), EnumSet.of(TlsVersion.TLS_1_0));
    }

    /**
     * TLS required, the healthy certificate sent with a private key that does not belong to it:
     * every handshake fails after the certificate arrived (decrypt_error or a failed Finished).
     */
    public static ConnectionHandler keyMismatch() {
        return tlsHost(LabCerts.keyMismatch(), EnumSet.allOf(TlsVersion.class));
    }

    /** Windows with TLS required serving {@code certificate} with the {@code versions} given. */
    public static ConnectionHandler tlsHost(LabCertificate certificate, Set<TlsVersion> versions) {
        return new RdpLabHandler(WindowsPolicy.tlsRequired(), TlsStage.serving(certificate).onlyVersions(versions));
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

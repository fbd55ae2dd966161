package rdpcheck.lab;

import java.io.IOException;
import java.net.Socket;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.tls.TlsServerProtocol;

import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.tls.TlsVersion;

/**
 * The TLS server side of a simulated RDP host (MS-RDPBCGR 5.4.5.1: the handshake follows the
 * Connection Confirm on the same socket), built on Bouncy Castle's {@link TlsServerProtocol}:
 * serves {@code certificate} with the {@code versions} allowed, then hands the application-data
 * streams to {@code next}. Standard RDP Security selections get no TLS and end the connection.
 */
public record TlsStage(LabCertificate certificate, Set<TlsVersion> versions, AfterTls next) implements AfterConfirm {

    public TlsStage {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(next, "next");
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("allow at least one TLS version");
        }
        versions = Set.copyOf(versions);
    }

    /**
     * What a Windows listener does inside TLS: CredSSP (as RDP01 in CORP, Server 2022, which like
     * these hosts speaks TLS 1.0 to 1.3) when it selected HYBRID, which it does whenever a client
     * offers it, even with NLA not required.
     */
    static final AfterTls CREDSSP_WHEN_HYBRID = (in, out, request, selectedProtocol) -> {
        if (selectedProtocol == Protocol.PROTOCOL_HYBRID.bits() || selectedProtocol == Protocol.PROTOCOL_HYBRID_EX.bits()) {
            CredSspServerStage.windowsServer2022().proceed(in, out, request, selectedProtocol);
        } else {
            AfterTls.DRAIN.proceed(in, out, request, selectedProtocol);
        }
    };

    /** TLS 1.0 to 1.3 with {@code certificate}, then CredSSP on HYBRID connections, as Windows does. */
    public static TlsStage serving(LabCertificate certificate) {
        return new TlsStage(certificate, EnumSet.allOf(TlsVersion.class), CREDSSP_WHEN_HYBRID);
    }

    public TlsStage onlyVersions(Set<TlsVersion> allowed) {
        return new TlsStage(certificate, allowed, next);
    }

    /** The same TLS, followed by {@code stage} inside it (e.g. a CredSSP server). */
    public TlsStage then(AfterTls stage) {
        return new TlsStage(certificate, versions, stage);
    }

    @Override
    public void proceed(Socket socket, ConnectionRequest request, int selectedProtocol) throws IOException {
        if (selectedProtocol == Protocol.PROTOCOL_RDP.bits()) {
            return; // Standard RDP Security: no TLS on this connection
        }
        TlsServerProtocol protocol = new TlsServerProtocol(socket.getInputStream(), socket.getOutputStream());
        try {
            protocol.accept(new LabTlsServer(certificate, versions));
            next.proceed(protocol.getInputStream(), protocol.getOutputStream(), request, selectedProtocol);
        } finally {
            try {
                protocol.close();
            } catch (IOException e) {
                // the client may be gone already
            }
        }
    }
}

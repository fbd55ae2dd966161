package rdpcheck.lab;

import rdpcheck.probes.rdp.ConnectionConfirm;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.FailureCode;
import rdpcheck.probes.rdp.Protocol;

/**
 * Answers the way a Windows RDP listener does for its settings: the security layer
 * ({@code SecurityLayer}: 0 RDP, 1 Negotiate, 2 SSL) and whether NLA is required
 * ({@code UserAuthentication}), per MS-RDPBCGR 2.2.1.2 and 3.3.5.3.2.
 *
 * @param layer          what the RDP-Tcp listener's security layer allows
 * @param requireNla     UserAuthentication = 1
 * @param hasCertificate false models a listener that lost its certificate (SSL_CERT_NOT_ON_SERVER)
 * @param responseFlags  RDP_NEG_RSP flags sent with every selection
 */
public record WindowsPolicy(SecurityLayer layer, boolean requireNla, boolean hasCertificate, int responseFlags)
        implements NegotiationPolicy {

    /** Windows 10/Server 2016 and later send these on every RDP_NEG_RSP. */
    public static final int MODERN_FLAGS = 0x01 | 0x02 | 0x08 | 0x10;

    public enum SecurityLayer { RDP, NEGOTIATE, SSL }

    public static WindowsPolicy requiringNla() {
        return new WindowsPolicy(SecurityLayer.NEGOTIATE, true, true, MODERN_FLAGS);
    }

    public static WindowsPolicy negotiate() {
        return new WindowsPolicy(SecurityLayer.NEGOTIATE, false, true, MODERN_FLAGS);
    }

    public static WindowsPolicy tlsRequired() {
        return new WindowsPolicy(SecurityLayer.SSL, false, true, MODERN_FLAGS);
    }

    public static WindowsPolicy rdpOnly() {
        return new WindowsPolicy(SecurityLayer.RDP, false, true, MODERN_FLAGS);
    }

    @Override
    public byte[] answer(ConnectionRequest request) {
        if (request.requestedProtocols().isEmpty()) {
            // An old client without RDP_NEG_REQ can only do Standard RDP Security.
            return layer == SecurityLayer.RDP || (layer == SecurityLayer.NEGOTIATE && !requireNla)
                    ? ConnectionConfirm.encodeLegacy() : new byte[0];
        }
        int requested = request.requestedProtocols().get();
        boolean wantsTls = (requested & Protocol.PROTOCOL_SSL.bits()) != 0;
        boolean wantsHybrid = (requested & Protocol.PROTOCOL_HYBRID.bits()) != 0;
        boolean wantsHybridEx = (requested & Protocol.PROTOCOL_HYBRID_EX.bits()) != 0;

        if (layer == SecurityLayer.RDP) {
            return wantsTls || wantsHybrid
                    ? ConnectionConfirm.encodeFailure(FailureCode.SSL_NOT_ALLOWED_BY_SERVER.code())
                    : selected(Protocol.PROTOCOL_RDP);
        }
        if ((wantsTls || wantsHybrid) && !hasCertificate) {
            return ConnectionConfirm.encodeFailure(FailureCode.SSL_CERT_NOT_ON_SERVER.code());
        }
        if (wantsHybrid) {
            return selected(wantsHybridEx ? Protocol.PROTOCOL_HYBRID_EX : Protocol.PROTOCOL_HYBRID);
        }
        if (requireNla) {
            return ConnectionConfirm.encodeFailure(FailureCode.HYBRID_REQUIRED_BY_SERVER.code());
        }
        if (wantsTls) {
            return selected(Protocol.PROTOCOL_SSL);
        }
        return layer == SecurityLayer.SSL
                ? ConnectionConfirm.encodeFailure(FailureCode.SSL_REQUIRED_BY_SERVER.code())
                : selected(Protocol.PROTOCOL_RDP);
    }

    private byte[] selected(Protocol protocol) {
        return ConnectionConfirm.encodeSelected(protocol.bits(), responseFlags);
    }
}

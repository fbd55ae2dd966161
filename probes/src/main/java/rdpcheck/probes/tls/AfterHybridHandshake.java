package rdpcheck.probes.tls;

import java.time.Clock;

/**
 * The next step of a CredSSP (NLA) client after the TLS handshake, run by the tls probe on its own
 * connections when the server selected CredSSP: the handshake a CredSSP probe needs is one of the
 * tls probe's, so no connection and no handshake is spent twice. The nla package supplies it.
 */
@FunctionalInterface
public interface AfterHybridHandshake {

    /** Never throws for what the server does; a failure is a {@link HybridAnswer} that says why. */
    HybridAnswer exchange(TlsSession session, int selectedProtocol, Clock clock);
}

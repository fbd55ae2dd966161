package rdpcheck.probes.tls;

/**
 * The next step of an RDP client after the TLS handshake when the server selected TLS alone (no
 * CredSSP): the MCS connection (MS-RDPBCGR 2.2.1.3 to 2.2.1.8), held on the tls probe's first
 * connection, so no connection or handshake is spent twice. The mcs package supplies it.
 */
@FunctionalInterface
public interface AfterSslHandshake {

    /** Never throws for what the server does; how far it went is in the {@link SessionAnswer}. */
    SessionAnswer exchange(TlsSession session, int selectedProtocol);
}

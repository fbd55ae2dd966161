package rdpcheck.lab;

import java.io.IOException;
import java.net.Socket;

import rdpcheck.probes.rdp.ConnectionRequest;

/**
 * What a simulated server does once it has confirmed a protocol: a TLS handshake, CredSSP, MCS.
 * The connection is closed when it returns.
 */
@FunctionalInterface
public interface AfterConfirm {

    AfterConfirm HANG_UP = (socket, request, selectedProtocol) -> { };

    void proceed(Socket socket, ConnectionRequest request, int selectedProtocol) throws IOException;
}

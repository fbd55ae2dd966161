package rdpcheck.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import rdpcheck.probes.rdp.ConnectionRequest;

/**
 * What a simulated server does inside TLS once the handshake is done (CredSSP, MCS). The streams
 * carry application data; the connection is closed when it returns.
 */
@FunctionalInterface
public interface AfterTls {

    /** Reads until the client leaves, so that it can finish its side in peace. */
    AfterTls DRAIN = (in, out, request, selectedProtocol) -> {
        byte[] sink = new byte[4096];
        while (in.read(sink) >= 0) {
            // the probe sends nothing after the handshake; this ends on its close_notify or FIN
        }
    };

    void proceed(InputStream in, OutputStream out, ConnectionRequest request, int selectedProtocol) throws IOException;
}

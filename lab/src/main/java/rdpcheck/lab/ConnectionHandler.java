package rdpcheck.lab;

import java.io.IOException;
import java.net.Socket;

/** What a lab host does with one accepted connection. The socket is closed by the host afterwards. */
@FunctionalInterface
public interface ConnectionHandler {

    void handle(Socket socket) throws IOException;
}

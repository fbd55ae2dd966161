package rdpcheck.lab;

import java.io.IOException;
import java.net.Socket;
import java.util.Objects;

/**
 * A personality that also listens on UDP at its TCP port's number, as a Windows host does for
 * RDP-UDP: {@link LabHost} binds the UDP socket next to the TCP listener and hands every datagram
 * to {@code udp}. Personalities without it have their UDP port closed (ICMP port unreachable).
 */
public record UdpListening(ConnectionHandler tcp, DatagramHandler udp) implements ConnectionHandler {

    public UdpListening {
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(udp, "udp");
    }

    @Override
    public void handle(Socket socket) throws IOException {
        tcp.handle(socket);
    }
}

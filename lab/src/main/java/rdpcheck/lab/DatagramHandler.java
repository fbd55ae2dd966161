package rdpcheck.lab;

import java.util.List;

/**
 * What a lab host does with one datagram on its UDP port (the same number as its TCP port): the
 * datagrams it sends back, none for silence.
 */
@FunctionalInterface
public interface DatagramHandler {

    List<byte[]> answer(byte[] datagram);
}

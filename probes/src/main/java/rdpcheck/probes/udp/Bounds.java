package rdpcheck.probes.udp;

import java.nio.ByteBuffer;

import rdpcheck.probes.rdp.MalformedPduException;

/** The one bounds check of the RDP-UDP decoders: a structure that does not fit is a refusal, never an exception. */
final class Bounds {

    private Bounds() {
    }

    static void need(ByteBuffer in, int bytes, String structure) throws MalformedPduException {
        if (in.remaining() < bytes) {
            throw new MalformedPduException(structure + " needs " + bytes + " bytes at offset " + in.position()
                    + ", the datagram has " + in.remaining() + " left");
        }
    }
}

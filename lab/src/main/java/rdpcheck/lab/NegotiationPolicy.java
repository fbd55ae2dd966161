package rdpcheck.lab;

import rdpcheck.probes.rdp.ConnectionRequest;

/**
 * How a simulated server answers a Connection Request. The answer's bytes are a whole TPKT
 * (see {@link rdpcheck.probes.rdp.ConnectionConfirm}); empty means "close without answering".
 */
@FunctionalInterface
public interface NegotiationPolicy {

    byte[] answer(ConnectionRequest request);
}

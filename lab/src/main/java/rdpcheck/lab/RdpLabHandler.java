package rdpcheck.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

import rdpcheck.probes.rdp.ConnectionConfirm;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.Tpkt;

/** A simulated RDP listener: reads the Connection Request, answers by its policy, then carries on. */
public record RdpLabHandler(NegotiationPolicy policy, AfterConfirm afterConfirm) implements ConnectionHandler {

    /** A Connection Request is well under a kilobyte. */
    static final int MAX_REQUEST = 2048;

    @Override
    public void handle(Socket socket) throws IOException {
        ConnectionRequest request;
        try {
            request = ConnectionRequest.decode(Tpkt.read(socket.getInputStream(), MAX_REQUEST));
        } catch (MalformedPduException e) {
            return; // not an RDP client: hang up, as Windows does
        }
        answer(socket, request);
    }

    /** Answers a Connection Request already read from {@code socket}, then carries on as the policy says. */
    public void answer(Socket socket, ConnectionRequest request) throws IOException {
        byte[] answer = policy.answer(request);
        if (answer.length == 0) {
            return;
        }
        OutputStream out = socket.getOutputStream();
        out.write(answer);
        out.flush();
        int selected = selectedProtocol(answer);
        if (selected >= 0) {
            afterConfirm.proceed(socket, request, selected);
        }
    }

    private static int selectedProtocol(byte[] answer) {
        try {
            NegotiationReply reply = ConnectionConfirm.decode(answer);
            if (reply instanceof NegotiationReply.Selected selected) {
                return selected.selectedProtocol();
            }
            return reply instanceof NegotiationReply.NoNegotiationData ? 0 : -1;
        } catch (MalformedPduException e) {
            return -1; // a deliberately broken answer: nothing follows it
        }
    }

}

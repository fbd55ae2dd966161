package rdpcheck.probes.rdp;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import rdpcheck.probes.net.Connection;
import rdpcheck.probes.net.WireEvents;
import rdpcheck.probes.net.ReplyTooLargeException;

/**
 * The first exchange of every RDP connection: send an X.224 Connection Request, read the
 * Connection Confirm. The tls, credssp and security-layer probes start their own conversations
 * with it.
 */
public final class RdpHandshake {

    /** A Connection Confirm is 19 bytes; anything near a kilobyte is not one. */
    static final int MAX_CONFIRM_LENGTH = 1024;
    /** How much of a non-RDP reply is kept to tell what service it is. */
    static final int PREVIEW_BYTES = 64;

    private RdpHandshake() {
    }

    /** Sends the request on a fresh connection and decodes the answer; never throws for what the server does. */
    public static NegotiationReply negotiate(Connection connection, ConnectionRequest request) {
        long started = System.nanoTime();
        try {
            connection.send(request.encode());
        } catch (IOException e) {
            return new NegotiationReply.Closed("the send failed: " + WireEvents.describe(e));
        }
        byte[] first;
        try {
            first = connection.readExactly(1);
        } catch (SocketTimeoutException e) {
            return new NegotiationReply.Silent((System.nanoTime() - started) / 1_000_000);
        } catch (EOFException e) {
            return new NegotiationReply.Closed("FIN");
        } catch (SocketException e) {
            return new NegotiationReply.Closed(describeReset(e));
        } catch (IOException e) {
            return new NegotiationReply.Closed(WireEvents.describe(e));
        }
        if ((first[0] & 0xff) != Tpkt.VERSION) {
            byte[] rest = connection.readAvailable(PREVIEW_BYTES - 1);
            byte[] seen = new byte[1 + rest.length];
            seen[0] = first[0];
            System.arraycopy(rest, 0, seen, 1, rest.length);
            return new NegotiationReply.NotRdp(ServiceGuess.of(seen), seen.length,
                    Bytes.hexPreview(seen, PREVIEW_BYTES), Bytes.asciiPreview(seen, PREVIEW_BYTES));
        }
        byte[] header = new byte[Tpkt.HEADER_LENGTH];
        header[0] = first[0];
        try {
            byte[] restOfHeader = connection.readExactly(Tpkt.HEADER_LENGTH - 1);
            System.arraycopy(restOfHeader, 0, header, 1, restOfHeader.length);
            int length = Tpkt.length(header);
            if (length < Tpkt.HEADER_LENGTH + ConnectionConfirm.X224_DATA_HEADER_LENGTH || length > MAX_CONFIRM_LENGTH) {
                return new NegotiationReply.Malformed("TPKT announces " + length + " bytes; an answer has 7 to "
                        + MAX_CONFIRM_LENGTH, Bytes.hexPreview(header, PREVIEW_BYTES));
            }
            byte[] packet = new byte[length];
            System.arraycopy(header, 0, packet, 0, header.length);
            byte[] body = connection.readExactly(length - Tpkt.HEADER_LENGTH);
            System.arraycopy(body, 0, packet, Tpkt.HEADER_LENGTH, body.length);
            try {
                return ConnectionConfirm.decode(packet);
            } catch (MalformedPduException e) {
                return new NegotiationReply.Malformed(rdpcheck.probes.ProbeText.of(e), Bytes.hexPreview(packet, PREVIEW_BYTES));
            }
        } catch (ReplyTooLargeException e) {
            return new NegotiationReply.Malformed(rdpcheck.probes.ProbeText.of(e), Bytes.hexPreview(header, PREVIEW_BYTES));
        } catch (SocketTimeoutException e) {
            return new NegotiationReply.Malformed("the Connection Confirm stopped half way: " + WireEvents.describe(e),
                    Bytes.hexPreview(header, PREVIEW_BYTES));
        } catch (IOException e) {
            return new NegotiationReply.Malformed("the connection ended inside the Connection Confirm: " + WireEvents.describe(e),
                    Bytes.hexPreview(header, PREVIEW_BYTES));
        }
    }

    private static String describeReset(SocketException e) {
        String message = String.valueOf(e.getMessage());
        return message.toLowerCase(java.util.Locale.ROOT).contains("reset") ? "RST" : WireEvents.describe(e);
    }
}

package rdpcheck.probes.rdp;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Client X.224 Connection Request PDU (MS-RDPBCGR 2.2.1.1): TPKT, the X.224 CR TPDU, a
 * {@code Cookie: mstshash=} line and RDP_NEG_REQ.
 *
 * <pre>
 * TPKT(4) | LI(1) CR_CDT(1)=0xE0 DST-REF(2) SRC-REF(2) CLASS(1) | "Cookie: mstshash=ID\r\n" | RDP_NEG_REQ(8)
 * RDP_NEG_REQ = type(1)=0x01 flags(1) length(2 LE)=8 requestedProtocols(4 LE)
 * </pre>
 *
 * @param cookie             the mstshash value (what a load balancer routes on); may be empty
 * @param requestedProtocols the {@link Protocol} bits asked for; absent means no RDP_NEG_REQ at all
 * @param requestFlags       RDP_NEG_REQ flags
 */
public record ConnectionRequest(String cookie, Optional<Integer> requestedProtocols, int requestFlags) {

    static final int X224_FIXED_LENGTH = 7;
    static final int X224_TPDU_CONNECTION_REQUEST = 0xE0;
    static final int TYPE_RDP_NEG_REQ = 0x01;
    static final int NEG_LENGTH = 8;
    static final String COOKIE_PREFIX = "Cookie: mstshash=";
    static final int MAX_COOKIE_LENGTH = 64;

    public ConnectionRequest {
        if (cookie.length() > MAX_COOKIE_LENGTH || !cookie.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("cookie must be printable ASCII, at most " + MAX_COOKIE_LENGTH + " chars");
        }
    }

    public static ConnectionRequest of(int requestedProtocols) {
        return new ConnectionRequest("rdpcheck", Optional.of(requestedProtocols), 0);
    }

    public byte[] encode() {
        byte[] cookieBytes = cookie.isEmpty() ? new byte[0]
                : (COOKIE_PREFIX + cookie + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int negLength = requestedProtocols.isPresent() ? NEG_LENGTH : 0;
        byte[] tpdu = new byte[X224_FIXED_LENGTH + cookieBytes.length + negLength];
        tpdu[0] = (byte) (tpdu.length - 1); // LI counts the bytes after itself
        tpdu[1] = (byte) X224_TPDU_CONNECTION_REQUEST;
        // DST-REF, SRC-REF and class option stay zero
        System.arraycopy(cookieBytes, 0, tpdu, X224_FIXED_LENGTH, cookieBytes.length);
        if (requestedProtocols.isPresent()) {
            int at = X224_FIXED_LENGTH + cookieBytes.length;
            tpdu[at] = TYPE_RDP_NEG_REQ;
            tpdu[at + 1] = (byte) requestFlags;
            tpdu[at + 2] = NEG_LENGTH;
            tpdu[at + 3] = 0;
            Bytes.putIntLE(tpdu, at + 4, requestedProtocols.get());
        }
        return Tpkt.wrap(tpdu);
    }

    /** Server side, for the lab hosts: decodes a whole TPKT carrying a Connection Request. */
    public static ConnectionRequest decode(byte[] packet) throws MalformedPduException {
        Bytes.require(packet.length >= Tpkt.HEADER_LENGTH + X224_FIXED_LENGTH, "Connection Request shorter than 11 bytes");
        int li = packet[Tpkt.HEADER_LENGTH] & 0xff;
        Bytes.require(li + 1 + Tpkt.HEADER_LENGTH == packet.length,
                "X.224 length indicator " + li + " does not match the TPKT length " + packet.length);
        Bytes.require((packet[Tpkt.HEADER_LENGTH + 1] & 0xf0) == X224_TPDU_CONNECTION_REQUEST,
                String.format("X.224 TPDU code 0x%02x is not a Connection Request", packet[Tpkt.HEADER_LENGTH + 1] & 0xff));
        int at = Tpkt.HEADER_LENGTH + X224_FIXED_LENGTH;
        String cookie = "";
        int lineEnd = indexOfCrLf(packet, at);
        if (lineEnd >= 0 && startsWith(packet, at, "Cookie: ")) {
            String line = new String(packet, at, lineEnd - at, StandardCharsets.US_ASCII);
            cookie = line.startsWith(COOKIE_PREFIX) ? line.substring(COOKIE_PREFIX.length()) : "";
            if (cookie.length() > MAX_COOKIE_LENGTH || !cookie.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                cookie = "";
            }
            at = lineEnd + 2;
        }
        if (packet.length - at >= NEG_LENGTH && (packet[at] & 0xff) == TYPE_RDP_NEG_REQ) {
            return new ConnectionRequest(cookie, Optional.of(Bytes.intLE(packet, at + 4)), packet[at + 1] & 0xff);
        }
        return new ConnectionRequest(cookie, Optional.empty(), 0);
    }

    private static int indexOfCrLf(byte[] data, int from) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] data, int at, String prefix) {
        if (data.length - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

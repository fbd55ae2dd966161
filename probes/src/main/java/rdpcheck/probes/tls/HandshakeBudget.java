package rdpcheck.probes.tls;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import rdpcheck.probes.net.ReplyTooLargeException;

/**
 * The connection's input seen by the TLS engine: caps what the handshake may read (a server
 * certificate chain is a few kilobytes; a server that sends far more is not doing a handshake)
 * and keeps the first bytes, to tell a TLS server from one that sent something else.
 */
final class HandshakeBudget extends FilterInputStream {

    static final int PREVIEW = 16;

    private final long limit;
    private final byte[] first = new byte[PREVIEW];
    private int firstLength;
    private long total;
    private volatile boolean lifted;
    private volatile boolean ended;

    HandshakeBudget(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** Called once the handshake is done: application data is bounded by the connection alone. */
    void lift() {
        lifted = true;
    }

    /** The server closed its side (end of stream) while the handshake was reading. */
    boolean ended() {
        return ended;
    }

    long total() {
        return total;
    }

    byte[] firstBytes() {
        return java.util.Arrays.copyOf(first, firstLength);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int allowed = len;
        if (!lifted) {
            if (total >= limit) {
                throw new ReplyTooLargeException(limit);
            }
            allowed = (int) Math.min(len, limit - total);
        }
        int n = in.read(b, off, allowed);
        if (n < 0) {
            ended = true;
        }
        if (n > 0) {
            if (firstLength < PREVIEW) {
                int keep = Math.min(n, PREVIEW - firstLength);
                System.arraycopy(b, off, first, firstLength, keep);
                firstLength += keep;
            }
            total += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // through read(), so skipped bytes count against the budget too
        byte[] sink = new byte[(int) Math.min(Math.max(n, 0), 4096)];
        int got = sink.length == 0 ? 0 : read(sink, 0, sink.length);
        return Math.max(got, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

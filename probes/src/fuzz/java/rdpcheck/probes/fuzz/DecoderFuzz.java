package rdpcheck.probes.fuzz;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.AssumptionViolatedException;
import org.junit.runner.RunWith;

import edu.berkeley.cs.jqf.fuzz.Fuzz;
import edu.berkeley.cs.jqf.fuzz.JQF;
import rdpcheck.probes.cert.PublicKeyLimits;
import rdpcheck.probes.gateway.AuthChallenge;
import rdpcheck.probes.gateway.DtlsClientHello;
import rdpcheck.probes.gateway.DtlsHandshake;
import rdpcheck.probes.gateway.DtlsHelloVerifyRequest;
import rdpcheck.probes.gateway.DtlsRecord;
import rdpcheck.probes.gateway.DtlsServerHello;
import rdpcheck.probes.gateway.HttpResponseHead;
import rdpcheck.probes.nla.NtlmChallengeMessage;
import rdpcheck.probes.nla.NtlmNegotiateMessage;
import rdpcheck.probes.nla.TsRequest;
import rdpcheck.probes.rdp.ConnectionConfirm;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.rdp.Tpkt;
import rdpcheck.probes.rdp.mcs.McsConnectInitial;
import rdpcheck.probes.rdp.mcs.McsConnectResponse;
import rdpcheck.probes.rdp.mcs.X224Data;
import rdpcheck.probes.udp.SynAck;

/**
 * Coverage-guided fuzz targets (JQF's Zest engine) for every wire decoder and for the certificate
 * analysis (its target lives in the analysis's package: {@code rdpcheck.probes.cert.CertificateFuzz}):
 * the input is raw bytes, started from the seed corpus in {@code src/fuzz/corpus/METHOD}.
 * The property is the one {@code DecoderFuzzTest} checks with seeded mutations: a decoder returns a
 * value (which renders) or refuses the bytes with its own error; anything else escaping, a stream
 * reader reading past its element, or a hang (JQF's run timeout) is a finding. A refusal counts as
 * an invalid input, so Zest also steers towards inputs that decode.
 *
 * <p>Run by the {@code fuzz} profile of the probes module (see the README's Fuzzing section).
 */
@RunWith(JQF.class)
public class DecoderFuzz {

    /** Zest's inputs end at 10,240 bytes; a few kilobytes cover every field of every PDU here. */
    static final int MAX_INPUT = 10_000;

    @Fuzz
    public void connectionConfirm(InputStream in) throws IOException {
        decoded(() -> ConnectionConfirm.decode(bytes(in)).describe());
    }

    @Fuzz
    public void connectionRequest(InputStream in) throws IOException {
        decoded(() -> ConnectionRequest.decode(bytes(in)));
    }

    @Fuzz
    public void tpktRead(InputStream in) throws IOException {
        byte[] data = bytes(in);
        int max = 11 + (data.length == 0 ? 0 : (data[data.length - 1] & 0xff) * 4);
        Counting counting = new Counting(data);
        byte[] packet = decoded(() -> Tpkt.read(counting, max));
        check(packet.length == Tpkt.length(packet) && packet.length <= max, "packet does not match its length or limit");
        check(counting.consumed() == packet.length, "read past the packet");
    }

    @Fuzz
    public void x224DataUnwrap(InputStream in) throws IOException {
        decoded(() -> X224Data.unwrap(bytes(in)));
    }

    @Fuzz
    public void mcsConnectInitial(InputStream in) throws IOException {
        decoded(() -> McsConnectInitial.decode(bytes(in)));
    }

    @Fuzz
    public void mcsConnectResponse(InputStream in) throws IOException {
        decoded(() -> McsConnectResponse.decode(bytes(in)));
    }

    @Fuzz
    public void tsRequestDecode(InputStream in) throws IOException {
        decoded(() -> TsRequest.decode(bytes(in)));
    }

    @Fuzz
    public void tsRequestRead(InputStream in) throws IOException {
        byte[] data = bytes(in);
        int max = 2 + (data.length == 0 ? 0 : (data[data.length - 1] & 0xff) * 8);
        Counting counting = new Counting(data);
        byte[] element = decoded(() -> TsRequest.read(counting, max));
        check(element.length <= max, "element longer than the limit");
        check(counting.consumed() == element.length, "read past the element");
    }

    @Fuzz
    public void ntlmChallenge(InputStream in) throws IOException {
        decoded(() -> NtlmChallengeMessage.decode(bytes(in)));
    }

    @Fuzz
    public void ntlmChallengeToken(InputStream in) throws IOException {
        decoded(() -> NtlmChallengeMessage.decodeToken(bytes(in)));
    }

    @Fuzz
    public void ntlmNegotiate(InputStream in) throws IOException {
        decoded(() -> NtlmNegotiateMessage.decode(bytes(in)));
    }

    /** An answer of an RD Gateway (or a proxy in front of it): the head read from a stream, decoded, its challenges parsed. */
    @Fuzz
    public void httpResponseHead(InputStream in) throws IOException {
        Counting counting = new Counting(bytes(in));
        byte[] head = decoded(() -> HttpResponseHead.read(counting, HttpResponseHead.MAX_HEAD_BYTES));
        check(counting.consumed() == head.length, "read past the head");
        HttpResponseHead decoded = decoded(() -> HttpResponseHead.decode(head));
        decoded(() -> AuthChallenge.parse(decoded.values("WWW-Authenticate")));
    }

    /** WWW-Authenticate values, one per line, and the tokens in them. */
    @Fuzz
    public void wwwAuthenticate(InputStream in) throws IOException {
        String text = new String(bytes(in), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (AuthChallenge challenge : decoded(() -> AuthChallenge.parse(java.util.List.of(text.split("\n", -1))))) {
            decoded(challenge::tokenBytes);
        }
    }

    /** A datagram from the gateway's UDP port: its DTLS records, each re-encoding to its own size. */
    @Fuzz
    public void dtlsRecord(InputStream in) throws IOException {
        for (DtlsRecord record : decoded(() -> DtlsRecord.decodeAll(bytes(in)))) {
            check(record.encode().length == DtlsRecord.HEADER_LENGTH + record.fragment().length, "record does not re-encode");
        }
    }

    /** A DTLS handshake message and its body by type: HelloVerifyRequest, ServerHello, ClientHello. */
    @Fuzz
    public void dtlsHandshake(InputStream in) throws IOException {
        DtlsHandshake handshake = decoded(() -> DtlsHandshake.decode(bytes(in)));
        switch (handshake.type()) {
            case DtlsHandshake.HELLO_VERIFY_REQUEST -> decoded(() -> DtlsHelloVerifyRequest.decode(handshake.body()));
            case DtlsHandshake.SERVER_HELLO -> decoded(() -> DtlsServerHello.decode(handshake.body()));
            case DtlsHandshake.CLIENT_HELLO -> decoded(() -> DtlsClientHello.decode(handshake.body()));
            default -> throw new AssumptionViolatedException("another handshake type");
        }
    }

    /** A datagram from the target's UDP port, as the udp probe decodes it: a SYN+ACK or a refusal. */
    @Fuzz
    public void rdpUdpSynAck(InputStream in) throws IOException {
        decoded(() -> {
            SynAck synAck = SynAck.decode(bytes(in));
            check(synAck.length() <= SynAck.MAX_LENGTH, "a SYN+ACK longer than the largest MTU decoded");
            return synAck.version();
        });
    }

    /** The key bounds read whatever key a certificate claims; they must never throw. */
    @Fuzz
    public void publicKeyLimits(InputStream in) throws IOException {
        SubjectPublicKeyInfo key;
        try {
            key = SubjectPublicKeyInfo.getInstance(bytes(in));
        } catch (RuntimeException e) {
            throw new AssumptionViolatedException("not a SubjectPublicKeyInfo");
        }
        String.valueOf(PublicKeyLimits.problem(key));
    }

    // --- the harness ---------------------------------------------------------------------------

    @FunctionalInterface
    interface Decode<T> {
        T run() throws Exception;
    }

    /** Runs {@code decode}: a value must render; the decoders' own refusals are invalid inputs; anything else is a finding. */
    static <T> T decoded(Decode<T> decode) {
        T value;
        try {
            value = decode.run();
        } catch (MalformedPduException e) {
            check(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal without a message");
            throw new AssumptionViolatedException("refused: " + e.getMessage());
        } catch (EOFException e) {
            throw new AssumptionViolatedException("ended early");
        } catch (RuntimeException e) {
            throw e; // JQF reports it with the input that caused it
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
        String.valueOf(value);
        return value;
    }

    public static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    /**
     * The input: a 2-byte big-endian length, then that many bytes (fewer where the input ends).
     * Zest extends an input with fresh random bytes whenever a target reads past its end; the
     * length in front lets the engine choose the size instead, so a seed PDU stays whole.
     */
    public static byte[] bytes(InputStream in) throws IOException {
        int high = in.read();
        int low = in.read();
        int length = high < 0 || low < 0 ? 0 : Math.min(MAX_INPUT, high << 8 | low);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(length);
        for (int i = 0; i < length; i++) {
            int b = in.read(); // one byte at a time, and never again after the end: Zest's stream fails on a read past it
            if (b < 0) {
                break;
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    /** Counts what a stream reader consumed. */
    static final class Counting extends InputStream {
        private final ByteArrayInputStream in;
        private final int size;

        Counting(byte[] data) {
            this.in = new ByteArrayInputStream(data);
            this.size = data.length;
        }

        int consumed() {
            return size - in.available();
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }
    }
}

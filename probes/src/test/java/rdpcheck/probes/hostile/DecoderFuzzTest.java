package rdpcheck.probes.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.gateway.AuthChallenge;
import rdpcheck.probes.gateway.DtlsClientHello;
import rdpcheck.probes.gateway.DtlsHandshake;
import rdpcheck.probes.gateway.DtlsHelloVerifyRequest;
import rdpcheck.probes.gateway.DtlsRecord;
import rdpcheck.probes.gateway.DtlsServerHello;
import rdpcheck.probes.gateway.GatewaySeeds;
import rdpcheck.probes.gateway.HttpResponseHead;
import rdpcheck.probes.nla.NtlmChallengeMessage;
import rdpcheck.probes.nla.NtlmNegotiateMessage;
import rdpcheck.probes.nla.NtlmVersion;
import rdpcheck.probes.nla.TargetInfo;
import rdpcheck.probes.nla.TsRequest;
import rdpcheck.probes.rdp.ConnectionConfirm;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.FailureCode;
import rdpcheck.probes.rdp.MalformedPduException;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.Tpkt;
import rdpcheck.probes.rdp.mcs.EncryptionMethod;
import rdpcheck.probes.rdp.mcs.McsConnectInitial;
import rdpcheck.probes.rdp.mcs.McsConnectResponse;
import rdpcheck.probes.rdp.mcs.RdpVersion;
import rdpcheck.probes.rdp.mcs.ServerCoreData;
import rdpcheck.probes.rdp.mcs.ServerNetworkData;
import rdpcheck.probes.rdp.mcs.ServerSecurityData;
import rdpcheck.probes.rdp.mcs.X224Data;

/**
 * Property test over every wire decoder: thousands of inputs per decoder, mutated from valid
 * PDUs (bit flips, length fields set to extremes, truncation, extension, deletion, duplication,
 * splicing) and plain random bytes, from a fixed seed so a failure replays. The property: a
 * decoder returns a value or throws its own parse error ({@link MalformedPduException}; EOF for
 * the stream readers); nothing else escapes, nothing takes long, and a stream reader never reads
 * past the element it returns.
 *
 * <p>{@code -Drdpcheck.fuzz.iterations=N} (default 10000 per decoder) and {@code -Drdpcheck.fuzz.seed=S}.
 */
class DecoderFuzzTest {

    static final int ITERATIONS = Integer.getInteger("rdpcheck.fuzz.iterations", 10_000);
    static final long SEED = Long.getLong("rdpcheck.fuzz.seed", 0x5EED_2026_1124L);
    /** One decode of a few hundred bytes takes microseconds; this catches a loop, not a slow machine or a GC. */
    static final Duration SLOW_INPUT = Duration.ofSeconds(2);
    static final Duration WHOLE_RUN = Duration.ofSeconds(90);
    static final HexFormat HEX = HexFormat.of();

    @FunctionalInterface
    interface Decoder {
        /** Decodes {@code input}; returns something to render, proving the value is usable. */
        Object decode(byte[] input) throws Exception;
    }

    // --- the decoders --------------------------------------------------------------------------

    @Test
    void connectionConfirm_decode_neverThrowsOtherThanMalformed() {
        List<byte[]> seeds = List.of(ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_HYBRID.bits(), 0x1f),
                ConnectionConfirm.encodeFailure(FailureCode.HYBRID_REQUIRED_BY_SERVER.code()),
                ConnectionConfirm.encodeLegacy());
        fuzz("ConnectionConfirm.decode", seeds, input -> {
            NegotiationReply reply = ConnectionConfirm.decode(input);
            return reply.describe();
        }, false);
    }

    @Test
    void connectionRequest_decode_neverThrowsOtherThanMalformed() {
        List<byte[]> seeds = List.of(ConnectionRequest.of(Protocol.PROTOCOL_HYBRID.bits() | Protocol.PROTOCOL_SSL.bits()).encode(),
                new ConnectionRequest("", Optional.empty(), 0).encode(),
                new ConnectionRequest("administrator", Optional.of(0xB), 0x01).encode());
        fuzz("ConnectionRequest.decode", seeds, ConnectionRequest::decode, false);
    }

    @Test
    void tpkt_read_neverReadsPastThePacket() {
        List<byte[]> seeds = List.of(ConnectionConfirm.encodeSelected(1, 0), ConnectionRequest.of(3).encode(),
                Tpkt.wrap(new byte[300]));
        fuzz("Tpkt.read", seeds, input -> {
            int max = 11 + (input.length == 0 ? 0 : (input[input.length - 1] & 0xff) * 4);
            CountingInput in = new CountingInput(input);
            byte[] packet = Tpkt.read(in, max);
            assertEquals(Tpkt.length(packet), packet.length, "returned packet matches its length field");
            assertTrue(packet.length <= max, "packet longer than the limit");
            assertEquals(packet.length, in.consumed, "read past the packet");
            return packet.length;
        }, true);
    }

    @Test
    void x224Data_unwrap_neverThrowsOtherThanMalformed() {
        List<byte[]> seeds = List.of(X224Data.wrap(new byte[] {0x7f, 0x65, 0x03, 1, 2, 3}),
                McsConnectInitial.offering(EncryptionMethod.BIT_128).encode());
        fuzz("X224Data.unwrap", seeds, X224Data::unwrap, false);
    }

    @Test
    void mcsConnectInitial_decode_neverThrowsOtherThanMalformed() {
        List<byte[]> seeds = new ArrayList<>();
        for (EncryptionMethod method : EncryptionMethod.values()) {
            seeds.add(McsConnectInitial.offering(method).encode());
        }
        fuzz("McsConnectInitial.decode", seeds, McsConnectInitial::decode, false);
    }

    @Test
    void mcsConnectResponse_decode_neverThrowsOtherThanMalformed() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(new McsConnectResponse(0, 0,
                Optional.of(new ServerCoreData(new RdpVersion(0x0008000C), Optional.of(3), Optional.empty())),
                Optional.of(new ServerSecurityData(0x02, 2, 32, Optional.of("proprietary"), Optional.of(2048))),
                Optional.of(new ServerNetworkData(1003, List.of(1004, 1005))), List.of()).encode());
        seeds.add(new McsConnectResponse(0, 0, Optional.empty(), Optional.empty(), Optional.empty(), List.of()).encode());
        try (InputStream recorded = getClass().getResourceAsStream("/rdpcheck/probes/rdp/mcs/xrdp-0.9.21-connect-response.hex")) {
            if (recorded != null) {
                seeds.add(HEX.parseHex(new String(recorded.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip()));
            }
        }
        fuzz("McsConnectResponse.decode", seeds, McsConnectResponse::decode, false);
    }

    @Test
    void tsRequest_decode_neverThrowsOtherThanMalformed() {
        List<byte[]> seeds = List.of(TsRequest.withToken(6, NtlmNegotiateMessage.standard().encode()).encode(),
                TsRequest.withError(6, 0xC000006DL).encode(), TsRequest.withToken(2, challenge()).encode());
        fuzz("TsRequest.decode", seeds, TsRequest::decode, false);
    }

    @Test
    void tsRequest_read_neverReadsPastTheElement() {
        List<byte[]> seeds = List.of(TsRequest.withToken(6, challenge()).encode(), TsRequest.withError(3, 5).encode());
        fuzz("TsRequest.read", seeds, input -> {
            int max = 2 + (input.length == 0 ? 0 : (input[input.length - 1] & 0xff) * 8);
            CountingInput in = new CountingInput(input);
            byte[] element = TsRequest.read(in, max);
            assertTrue(element.length <= max, "element longer than the limit");
            assertEquals(element.length, in.consumed, "read past the element");
            return element.length;
        }, true);
    }

    @Test
    void ntlmChallenge_decode_neverThrowsOtherThanMalformed() {
        List<byte[]> seeds = List.of(challenge(), new NtlmChallengeMessage(Optional.empty(), 0x00000201, TargetInfo.empty(),
                Optional.empty(), List.of()).encode(new byte[8]));
        fuzz("NtlmChallengeMessage.decode", seeds, NtlmChallengeMessage::decode, false);
        fuzz("NtlmChallengeMessage.decodeToken", List.of(challenge(), TsRequest.withToken(6, challenge()).encode()),
                NtlmChallengeMessage::decodeToken, false);
    }

    @Test
    void ntlmNegotiate_decode_neverThrowsOtherThanMalformed() {
        fuzz("NtlmNegotiateMessage.decode", List.of(NtlmNegotiateMessage.standard().encode()),
                NtlmNegotiateMessage::decode, false);
    }

    @Test
    void httpResponseHead_readAndDecode_neverReadPastTheHead() {
        List<byte[]> seeds = GatewaySeeds.responseHeads();
        fuzz("HttpResponseHead.read+decode", seeds, input -> {
            CountingInput in = new CountingInput(input);
            byte[] head = HttpResponseHead.read(in, 4096);
            assertEquals(head.length, in.consumed, "read past the head");
            HttpResponseHead decoded = HttpResponseHead.decode(head);
            return AuthChallenge.parse(decoded.values("WWW-Authenticate"));
        }, true);
    }

    @Test
    void wwwAuthenticate_parse_neverThrowsOtherThanMalformed() {
        fuzz("AuthChallenge.parse", GatewaySeeds.challenges(), input -> {
            List<AuthChallenge> challenges = AuthChallenge.parse(List.of(
                    new String(input, java.nio.charset.StandardCharsets.ISO_8859_1).split("\n", -1)));
            for (AuthChallenge challenge : challenges) {
                challenge.tokenBytes();
            }
            return challenges;
        }, false);
    }

    @Test
    void dtls_recordsAndHandshakes_neverThrowOtherThanMalformed() {
        fuzz("DtlsRecord.decodeAll", GatewaySeeds.datagrams(), input -> {
            List<DtlsRecord> records = DtlsRecord.decodeAll(input);
            for (DtlsRecord record : records) {
                assertEquals(DtlsRecord.HEADER_LENGTH + record.fragment().length, record.encode().length);
            }
            return records;
        }, false);
        fuzz("DtlsHandshake.decode+body", GatewaySeeds.handshakes(), input -> {
            DtlsHandshake handshake = DtlsHandshake.decode(input);
            return switch (handshake.type()) {
                case DtlsHandshake.HELLO_VERIFY_REQUEST -> DtlsHelloVerifyRequest.decode(handshake.body());
                case DtlsHandshake.SERVER_HELLO -> DtlsServerHello.decode(handshake.body());
                case DtlsHandshake.CLIENT_HELLO -> DtlsClientHello.decode(handshake.body());
                default -> handshake;
            };
        }, false);
    }

    @Test
    void rdpUdp_synAckAndSyn_decode_neverThrowOtherThanMalformed() {
        java.security.SecureRandom random = new java.security.SecureRandom(new byte[] {1});
        rdpcheck.probes.udp.Syn syn = rdpcheck.probes.udp.Syn.offering(rdpcheck.probes.udp.UdpVersion.V3, random);
        List<byte[]> answers = List.of(
                rdpcheck.probes.udp.SynAck.answering(syn, 7, 64, 1232, Optional.of(rdpcheck.probes.udp.UdpVersion.V2)).encode(),
                rdpcheck.probes.udp.SynAck.answering(syn, 7, 64, 1132, Optional.empty()).encode());
        fuzz("SynAck.decode", answers, input -> rdpcheck.probes.udp.SynAck.decode(input).version(), false);
        fuzz("Syn.decode", List.of(syn.encode(), rdpcheck.probes.udp.Syn.offering(rdpcheck.probes.udp.UdpVersion.V2, random)
                .encode()), input -> rdpcheck.probes.udp.Syn.decode(input).offered(), false);
    }

    static byte[] challenge() {
        return new NtlmChallengeMessage(Optional.of("TESTDOM"), 0xe28a8235,
                TargetInfo.of("TESTDOM", "RDPTEST-NLA", "testdom.local", "rdptest-nla.testdom.local", "testdom.local",
                        Instant.parse("2025-01-02T03:04:05Z")),
                Optional.of(new NtlmVersion(10, 0, 20348, 15)), List.of()).encode(new byte[8]);
    }

    // --- the harness ---------------------------------------------------------------------------

    private static void fuzz(String name, List<byte[]> seeds, Decoder decoder, boolean eofAllowed) {
        Random random = new Random(SEED ^ name.hashCode());
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(WHOLE_RUN, () -> {
            for (byte[] seed : seeds) {
                // the seeds themselves must decode or fail cleanly; untimed: the first call loads classes
                one(name, decoder, seed, eofAllowed, -1, outcomes, Long.MAX_VALUE);
            }
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] input = random.nextInt(10) == 0 ? randomBytes(random)
                        : mutate(random, seeds.get(random.nextInt(seeds.size())), seeds);
                one(name, decoder, input, eofAllowed, i, outcomes, SLOW_INPUT.toNanos());
            }
        }, name + " did not finish " + ITERATIONS + " inputs: a decoder hangs");
        // A fuzzer whose inputs all fail at the first check exercises nothing; mutations keep most near-valid.
        assertTrue(outcomes[0] > 0 || name.endsWith("unwrap"), name + ": no input decoded at all");
        System.out.printf("fuzz %-34s %6d inputs: %6d decoded, %6d refused as malformed%n", name,
                ITERATIONS + seeds.size(), outcomes[0], outcomes[1]);
    }

    private static void one(String name, Decoder decoder, byte[] input, boolean eofAllowed, int iteration,
                            int[] outcomes, long slowNanos) {
        long started = System.nanoTime();
        try {
            Object value = decoder.decode(input);
            String.valueOf(value); // the decoded value must render without surprises
            outcomes[0]++;
        } catch (MalformedPduException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                fail(name + " threw a MalformedPduException without a message for " + HEX.formatHex(input));
            }
            outcomes[1]++;
        } catch (java.io.EOFException e) {
            if (!eofAllowed) {
                fail(name + ": EOFException from a byte-array decoder for " + HEX.formatHex(input), e);
            }
            outcomes[1]++;
        } catch (AssertionError e) {
            throw new AssertionError(name + " (seed " + SEED + ", input " + iteration + "): " + e.getMessage()
                    + " for " + HEX.formatHex(input), e);
        } catch (Throwable e) {
            fail(name + " (seed " + SEED + ", input " + iteration + ") threw " + e + " for " + HEX.formatHex(input), e);
        }
        long nanos = System.nanoTime() - started;
 if (nanos > slowNanos) {
            fail(name + " (input " + iteration + ") took " + nanos / 1_000_000 + " ms on " + input.length + " bytes: " + HEX.formatHex(input));
        }
    }

    private static final int[] INTERESTING_8 = {0x00, 0x01, 0x02, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xfe, 0xff};
    private static final int[] INTERESTING_16 = {0x0000, 0x0001, 0x0007, 0x0008, 0x00ff, 0x0100, 0x7fff, 0x8000, 0xfffe, 0xffff};
    private static final int[] INTERESTING_32 = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x00010000, 0xfffffff0};

    static byte[] mutate(Random random, byte[] seed, List<byte[]> all) {
        byte[] data = seed.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            if (data.length == 0) {
                data = randomBytes(random);
                continue;
            }
            int at = random.nextInt(data.length);
            switch (random.nextInt(10)) {
                case 0 -> data[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> data[at] = (byte) INTERESTING_8[random.nextInt(INTERESTING_8.length)];
                case 2 -> put(data, at, INTERESTING_16[random.nextInt(INTERESTING_16.length)], 2, random.nextBoolean());
                case 3 -> put(data, at, INTERESTING_32[random.nextInt(INTERESTING_32.length)], 4, random.nextBoolean());
                case 4 -> data = Arrays.copyOf(data, random.nextInt(data.length + 1));
                case 5 -> {
                    byte[] extra = new byte[1 + random.nextInt(64)];
                    random.nextBytes(extra);
                    data = concat(data, extra);
                }
                case 6 -> {
                    int length = 1 + random.nextInt(Math.min(16, data.length - at));
                    byte[] out = new byte[data.length - length];
                    System.arraycopy(data, 0, out, 0, at);
                    System.arraycopy(data, at + length, out, at, data.length - at - length);
                    data = out;
                }
                case 7 -> {
                    int length = 1 + random.nextInt(Math.min(32, data.length - at));
                    byte[] piece = Arrays.copyOfRange(data, at, at + length);
                    byte[] out = new byte[data.length + length];
                    System.arraycopy(data, 0, out, 0, at);
                    System.arraycopy(piece, 0, out, at, length);
                    System.arraycopy(data, at, out, at + length, data.length - at);
                    data = out;
                }
                case 8 -> {
                    byte[] other = all.get(random.nextInt(all.size()));
                    int from = random.nextInt(other.length + 1);
                    data = concat(Arrays.copyOf(data, at), Arrays.copyOfRange(other, from, other.length));
                }
                default -> data[at] = (byte) random.nextInt(256);
            }
        }
        return data;
    }

    private static void put(byte[] data, int at, int value, int width, boolean bigEndian) {
        for (int i = 0; i < width && at + i < data.length; i++) {
            int shift = bigEndian ? 8 * (width - 1 - i) : 8 * i;
            data[at + i] = (byte) (value >>> shift);
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] data = new byte[random.nextInt(300)];
        random.nextBytes(data);
        return data;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** An input stream that counts what the reader consumed. */
    static final class CountingInput extends InputStream {
        private final ByteArrayInputStream in;
        int consumed;

        CountingInput(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            int b = in.read();
            if (b >= 0) {
                consumed++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = in.read(b, off, len);
            if (n > 0) {
                consumed += n;
            }
            return n;
        }
    }
}

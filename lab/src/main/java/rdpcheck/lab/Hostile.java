package rdpcheck.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import rdpcheck.probes.nla.NtlmChallengeMessage;
import rdpcheck.probes.nla.NtlmVersion;
import rdpcheck.probes.nla.TargetInfo;
import rdpcheck.probes.nla.TsRequest;
import rdpcheck.probes.rdp.ConnectionConfirm;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.Tpkt;
import rdpcheck.probes.rdp.mcs.McsConnectResponse;
import rdpcheck.probes.rdp.mcs.RdpVersion;
import rdpcheck.probes.rdp.mcs.ServerCoreData;
import rdpcheck.probes.rdp.mcs.ServerNetworkData;
import rdpcheck.probes.rdp.mcs.X224Data;
import rdpcheck.probes.tls.TlsVersion;

/**
 * Hostile servers, one per kind of attack on a probe: floods, drips, bombs, stalls, resets and
 * keys built to burn CPU, each at the layer it targets (TCP, X.224, TLS, certificate, CredSSP,
 * NTLM, MCS, RDP-UDP). A probe must end every one of them by the check's deadline with a diagnosis, no
 * exception text, nothing left open and nothing still computing. Used by the hostile-lab test.
 */
public enum Hostile {

    // --- TCP and X.224 -------------------------------------------------------------------------
    /** Completes TCP (the kernel's queue of one) and never accepts: a hung service, a full accept queue. */
    NEVER_ACCEPTS("completes TCP handshakes and never accepts a connection (full accept queue)"),
    /** Accepts, sends FIN at once, and keeps reading: a half-closed connection that never answers. */
    HALF_OPEN("accepts, half-closes its side (FIN) at once and keeps the connection open"),
    /** Confirms TLS, then sends a TLS record one byte at a time, each well inside a read timeout, for ever. */
    SLOWLORIS("confirms TLS, then sends a TLS record one byte every 400 ms, for ever"),
    /** The n-th connection is reset after n bytes of the Connection Confirm (n = 0..19, then again). */
    RESET_AT_EVERY_OFFSET("resets each connection (RST) after one more byte of its Connection Confirm than the last"),
    /** Answers the Connection Request with empty TPKTs (length 4), without end. */
    EMPTY_TPKTS("answers with empty TPKTs (length 4) without end"),
    /** Answers the Connection Request with Connection Confirms back to back, without end. */
    CONFIRM_FLOOD("answers with Connection Confirms back to back without end"),

    // --- TLS -----------------------------------------------------------------------------------
    /** A certificate chain of more than a megabyte: a leaf and 20 copies of a 50 KiB intermediate. */
    CERTIFICATE_FLOOD("sends a certificate chain of more than 1 MiB"),
    /** Confirms TLS, then answers the ClientHello with HelloRequest (renegotiation) records, without end. */
    RENEGOTIATION_FLOOD("answers the ClientHello with HelloRequest records (renegotiation requests) without end"),
    /** Confirms TLS, then answers the ClientHello with empty TLS records, without end. */
    EMPTY_RECORD_FLOOD("answers the ClientHello with empty TLS records without end"),
    /** Confirms TLS, then answers the ClientHello with warning alerts, without end. */
    ALERT_FLOOD("answers the ClientHello with warning alerts without end"),
    /** Confirms TLS, then announces a 16 MiB Certificate message and streams zeros behind it. */
    HUGE_HANDSHAKE_MESSAGE("announces a 16 MiB Certificate message and streams zeros behind it"),

    // --- certificates: keys built to burn CPU ----------------------------------------------------
    /** A self-signed certificate whose RSA key has a 16,384-bit modulus and a 16,383-bit public exponent. */
    RSA_KEY_BURNS_CPU("serves a certificate whose RSA key has a 16,384-bit modulus and a 16,383-bit exponent"),
    /** A good leaf whose issuer certificate carries that RSA key: only the chain check would touch it. */
    RSA_ISSUER_BURNS_CPU("serves a good leaf issued by a certificate whose RSA key is built to burn CPU"),
    /** A self-signed certificate with a DSA key of a 16,384-bit prime and a 16,000-bit subgroup. */
    DSA_KEY_BURNS_CPU("serves a certificate whose DSA key has a 16,384-bit prime and a 16,000-bit subgroup"),

    // --- CredSSP and NTLM, after a good TLS handshake ----------------------------------------------
    /** Answers the NTLM NEGOTIATE with an indefinite-length TSRequest that never ends. */
    CREDSSP_ENDLESS("answers the NTLM NEGOTIATE with a TSRequest stream that never ends"),
    /** Answers the NTLM NEGOTIATE with a TSRequest one byte every 700 ms. */
    CREDSSP_DRIP("answers the NTLM NEGOTIATE one byte every 700 ms"),
    /** Answers with a TSRequest whose negoToken nests SEQUENCEs thousands deep. */
    CREDSSP_RECURSIVE("answers with a TSRequest nesting ASN.1 SEQUENCEs 12,000 deep"),
    /** An NTLM CHALLENGE whose TargetName and TargetInfo offsets point far outside the message. */
    NTLM_WILD_OFFSETS("sends an NTLM CHALLENGE whose field offsets point outside the message"),
    /** An NTLM CHALLENGE whose TargetInfo holds 7,500 AV_PAIRs. */
    NTLM_AV_PAIR_FLOOD("sends an NTLM CHALLENGE with 7,500 AV_PAIRs"),

    // --- MCS (Standard RDP Security) ---------------------------------------------------------------
    /** Answers the MCS Connect-Initial with BER lengths of 2 GiB nested thousands deep. */
    MCS_BER_BOMB("answers the MCS Connect-Initial with nested BER lengths of 2 GiB"),
    /** Answers with server network data announcing 65,535 channels in a block with room for one. */
    MCS_CHANNEL_FLOOD("answers with MCS network data announcing 65,535 channels"),

    // --- RDP-UDP -----------------------------------------------------------------------------------
    /** A healthy host whose UDP port answers each RDP-UDP SYN with 64 datagrams of 8 KiB: a reflector. */
    UDP_FLOOD("answers each RDP-UDP SYN with 64 datagrams of 8 KiB");

    private final String what;

    Hostile(String what) {
        this.what = what;
    }

    /** What the server does, in a few words. */
    public String what() {
        return what;
    }

    /** Starts this kind of server on 127.0.0.1; the caller closes it. */
    public LabHost start() throws IOException {
        String name = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (this == NEVER_ACCEPTS) {
            return LabHost.neverAccepting(name, 1);
        }
        return LabHost.start(name, handler());
    }

    private ConnectionHandler handler() {
        return switch (this) {
            case UDP_FLOOD -> new UdpListening(LabHosts.healthy(), datagram -> java.util.Collections.nCopies(64, new byte[8192]));
            case NEVER_ACCEPTS -> throw new IllegalStateException("no handler: it never accepts");
            case HALF_OPEN -> socket -> {
                socket.shutdownOutput();
                Misbehaviours.silent().handle(socket);
            };
            case SLOWLORIS -> afterTlsConfirm((socket, out) -> {
                byte[] record = {0x16, 0x03, 0x03, 0x40, 0x00, 0x02, 0x00, 0x3f, (byte) 0xfc, 0x03, 0x03};
                for (int i = 0; !socket.isClosed(); i++) {
                    out.write(record[Math.min(i, record.length - 1)]);
                    out.flush();
                    pause(400);
                }
            });
            case RESET_AT_EVERY_OFFSET -> resetAtEveryOffset();
            case EMPTY_TPKTS -> afterRequest((socket, out) -> endless(socket, out, new byte[] {0x03, 0x00, 0x00, 0x04}));
            case CONFIRM_FLOOD -> afterRequest((socket, out) ->
                    endless(socket, out, ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_SSL.bits(), 0)));
            case CERTIFICATE_FLOOD -> LabHosts.tlsHost(megabyteChain(), EnumSet.allOf(TlsVersion.class));
            case RENEGOTIATION_FLOOD -> afterTlsConfirm((socket, out) ->
                    endless(socket, out, new byte[] {0x16, 0x03, 0x03, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00}));
            case EMPTY_RECORD_FLOOD -> afterTlsConfirm((socket, out) ->
                    endless(socket, out, new byte[] {0x16, 0x03, 0x03, 0x00, 0x00}));
            case ALERT_FLOOD -> afterTlsConfirm((socket, out) ->
                    endless(socket, out, new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x5a}));
            case HUGE_HANDSHAKE_MESSAGE -> afterTlsConfirm((socket, out) -> {
                out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00, 0x0b, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                endless(socket, out, new byte[8192]);
            });
            case RSA_KEY_BURNS_CPU -> LabHosts.tlsHost(LabCertificates.builder(LabCerts.LAB_NAME).dns(LabCerts.LAB_NAME)
                    .claimedKey(BurningKeys.RSA).keySlot("hostile-rsa").build(), EnumSet.allOf(TlsVersion.class));
            case RSA_ISSUER_BURNS_CPU -> {
                LabCertificate issuer = LabCertificates.builder("Hostile Issuing CA").ca().claimedKey(BurningKeys.RSA)
                        .keySlot("hostile-issuer").build();
                LabCertificate leaf = LabCertificates.builder(LabCerts.LAB_NAME).dns(LabCerts.LAB_NAME).issuedBy(issuer)
                        .build().withIssuerChain(issuer);
                yield LabHosts.tlsHost(leaf, EnumSet.allOf(TlsVersion.class));
            }
            case DSA_KEY_BURNS_CPU -> LabHosts.tlsHost(BurningKeys.dsaCertificate(), EnumSet.allOf(TlsVersion.class));
            case CREDSSP_ENDLESS -> LabHosts.nlaRequiredWithTls(afterClientTsRequest(out -> {
                out.write(new byte[] {0x30, (byte) 0x80}); // BER indefinite length: the end never comes
                byte[] versions = new byte[5 * 1024];
                for (int i = 0; i < versions.length; i += 5) {
                    System.arraycopy(new byte[] {(byte) 0xa0, 0x03, 0x02, 0x01, 0x06}, 0, versions, i, 5);
                }
                while (true) {
                    out.write(versions);
                    out.flush();
                }
            }));
            case CREDSSP_DRIP -> LabHosts.nlaRequiredWithTls(afterClientTsRequest(out -> {
                for (byte b : TsRequest.withError(6, 0xC000006DL).encode()) {
                    out.write(b);
                    out.flush();
                    pause(700);
                }
            }));
            case CREDSSP_RECURSIVE -> LabHosts.nlaRequiredWithTls(afterClientTsRequest(out -> {
                out.write(recursiveTsRequest(12_000));
                out.flush();
            }));
            case NTLM_WILD_OFFSETS -> LabHosts.nlaRequiredWithTls(afterClientTsRequest(out -> {
                byte[] challenge = goodChallenge();
                putIntLE(challenge, 12, 0xffff_ffff); // TargetName: Len 0xffff, MaxLen 0xffff
                putIntLE(challenge, 16, 0xffff_fff0); // ... at offset 4 GiB - 16
                putIntLE(challenge, 40, 0x7fff_7fff); // TargetInfo: Len 0x7fff
                putIntLE(challenge, 44, 0x7fff_ffff); // ... at offset 2 GiB
                out.write(TsRequest.withToken(6, challenge).encode());
                out.flush();
            }));
            case NTLM_AV_PAIR_FLOOD -> LabHosts.nlaRequiredWithTls(afterClientTsRequest(out -> {
                out.write(TsRequest.withToken(6, avPairFlood(7_500)).encode());
                out.flush();
            }));
            case MCS_BER_BOMB -> afterStandardSecurity((socket, out) -> {
                ByteArrayOutputStream mcs = new ByteArrayOutputStream();
                mcs.write(new byte[] {0x7f, 0x66, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                while (mcs.size() < 60_000) {
                    mcs.write(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                }
                out.write(X224Data.wrap(mcs.toByteArray()));
                out.flush();
            });
            case MCS_CHANNEL_FLOOD -> afterStandardSecurity((socket, out) -> {
                byte[] response = new McsConnectResponse(0, 0,
                        Optional.of(new ServerCoreData(new RdpVersion(0x0008000C), Optional.of(0), Optional.empty())),
                        Optional.empty(), Optional.of(new ServerNetworkData(1003, List.of(1004))), List.of()).encode();
                int block = lastIndexOf(response, new byte[] {0x03, 0x0c}); // TS_UD_SC_NET header, type 0x0C03 LE
                response[block + 6] = (byte) 0xff; // channelCount, after type(2) length(2) MCSChannelId(2)
                response[block + 7] = (byte) 0xff;
                out.write(response);
                out.flush();
            });
        };
    }

    // --- the conversations -----------------------------------------------------------------------

    @FunctionalInterface
    private interface Then {
        void proceed(Socket socket, OutputStream out) throws IOException;
    }

    @FunctionalInterface
    private interface InsideTls {
        void answer(OutputStream out) throws IOException;
    }

    /** Reads the Connection Request, then does {@code then}. */
    private static ConnectionHandler afterRequest(Then then) {
        return socket -> {
            readTpkt(socket, RdpLabHandler.MAX_REQUEST);
            then.proceed(socket, socket.getOutputStream());
        };
    }

    /** Reads the Connection Request, confirms TLS, reads the ClientHello, then does {@code then}. */
    private static ConnectionHandler afterTlsConfirm(Then then) {
        return afterRequest((socket, out) -> {
            out.write(ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_SSL.bits(), 0));
            out.flush();
            socket.getInputStream().read(new byte[4096]);
            then.proceed(socket, out);
        });
    }

    /** Confirms Standard RDP Security, reads the MCS Connect-Initial, then does {@code then}. */
    private static ConnectionHandler afterStandardSecurity(Then then) {
        return afterRequest((socket, out) -> {
            out.write(ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_RDP.bits(), 0));
            out.flush();
            readTpkt(socket, Tpkt.MAX_LENGTH);
            then.proceed(socket, out);
            socket.getInputStream().read(new byte[1024]);
        });
    }

    /** Inside TLS: reads the client's TSRequest (its NTLM NEGOTIATE), then answers with {@code answer}. */
    private static AfterTls afterClientTsRequest(InsideTls answer) {
        return (in, out, request, selected) -> {
            try {
                TsRequest.read(in, TsRequest.MAX_LENGTH);
            } catch (rdpcheck.probes.rdp.MalformedPduException e) {
                return;
            }
            answer.answer(out);
        };
    }

    private static void readTpkt(Socket socket, int max) throws IOException {
        try {
            Tpkt.read(socket.getInputStream(), max);
        } catch (rdpcheck.probes.rdp.MalformedPduException e) {
            throw new IOException("the client did not send a TPKT", e); // ends the connection
        }
    }

    private static ConnectionHandler resetAtEveryOffset() {
        byte[] confirm = ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_HYBRID.bits(), 0x1f);
        AtomicInteger connections = new AtomicInteger();
        return socket -> {
            int offset = connections.getAndIncrement() % (confirm.length + 1);
            Misbehaviours.resetAfter(confirm, offset).handle(socket);
        };
    }

    private static void endless(Socket socket, OutputStream out, byte[] unit) throws IOException {
        byte[] chunk = new byte[Math.max(unit.length, 8192 / unit.length * unit.length)];
        for (int i = 0; i + unit.length <= chunk.length; i += unit.length) {
            System.arraycopy(unit, 0, chunk, i, unit.length);
        }
        while (!socket.isClosed()) {
            out.write(chunk);
            out.flush();
        }
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    // --- the payloads ---------------------------------------------------------------------------

    /** A leaf and 20 copies of a 50 KiB intermediate (4,000 long SAN entries would be one 1 MiB certificate). */
    public static LabCertificate megabyteChain() {
        List<String> names = new ArrayList<>();
        for (int i = 0; names.size() < 260; i++) {
            names.add(("n" + i + "-" + "x".repeat(240)).substring(0, 63) + "." + "y".repeat(63) + "." + "z".repeat(63)
                    + ".example");
        }
        LabCertificate intermediate = LabCertificates.builder("Hostile Intermediate").ca().dns(names.toArray(String[]::new))
                .keySlot("hostile").build();
        LabCertificate chain = LabCertificates.builder(LabCerts.LAB_NAME).dns(LabCerts.LAB_NAME).issuedBy(intermediate)
                .keySlot("hostile-leaf").build();
        for (int i = 0; i < 20; i++) {
            chain = chain.withIssuerChain(intermediate);
        }
        return chain;
    }

    /**
     * TSRequest { version 6, negoTokens: SEQUENCE nested {@code depth} deep } in definite-length DER,
     * written front to back in one pass (wrapping level by level would copy the bytes depth times).
     */
    public static byte[] recursiveTsRequest(int depth) {
        int[] inner = new int[depth + 1]; // inner[k]: encoded size of the SEQUENCE k levels deep, from the innermost
        inner[0] = 2; // 30 00
        for (int k = 1; k <= depth; k++) {
            inner[k] = headerSize(inner[k - 1]) + inner[k - 1];
        }
        byte[] version = {(byte) 0xa0, 0x03, 0x02, 0x01, 0x06};
        int tokens = headerSize(inner[depth]) + inner[depth];
        int body = version.length + tokens;
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(headerSize(body) + body);
        header(out, 0x30, body);
        out.put(version);
        header(out, 0xa1, inner[depth]);
        for (int k = depth; k >= 1; k--) {
            header(out, 0x30, inner[k - 1]);
        }
        out.put(new byte[] {0x30, 0x00});
        return out.array();
    }

    private static int headerSize(int length) {
        return length < 0x80 ? 2 : length < 0x100 ? 3 : 4;
    }

    private static void header(java.nio.ByteBuffer out, int tag, int length) {
        out.put((byte) tag);
        if (length >= 0x100) {
            out.put((byte) 0x82).put((byte) (length >> 8)).put((byte) length);
        } else if (length >= 0x80) {
            out.put((byte) 0x81).put((byte) length);
        } else {
            out.put((byte) length);
        }
    }

    private static byte[] goodChallenge() {
        return new NtlmChallengeMessage(Optional.of("CORP"), CredSspServerStage.SERVER_FLAGS,
                TargetInfo.of("CORP", "RDP01", "corp.example.com", "rdp01.corp.example.com", "corp.example.com",
                        java.time.Instant.now()),
                Optional.of(new NtlmVersion(10, 0, 17763, 15)), List.of()).encode(new byte[8]);
    }

    /** A CHALLENGE (MS-NLMP 2.2.1.2) whose TargetInfo is {@code pairs} MsvAvFlags AV_PAIRs, then MsvAvEOL. */
    static byte[] avPairFlood(int pairs) {
        byte[] header = Arrays.copyOf(goodChallenge(), 56);
        int infoLength = pairs * 8 + 4;
        byte[] message = Arrays.copyOf(header, 56 + infoLength);
        putIntLE(message, 12, 0); // TargetName: empty
        putIntLE(message, 16, 56);
        putIntLE(message, 40, infoLength | infoLength << 16);
        putIntLE(message, 44, 56);
        for (int i = 0; i < pairs; i++) {
            int at = 56 + i * 8;
            message[at] = 6; // MsvAvFlags
            message[at + 2] = 4;
            message[at + 4] = (byte) i;
        }
        return message; // the last four bytes are zero: MsvAvEOL
    }

    private static void putIntLE(byte[] data, int at, int value) {
        for (int i = 0; i < 4; i++) {
            data[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        for (int i = data.length - pattern.length; i >= 0; i--) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new IllegalStateException("pattern not found");
    }

    /** Keys no one can use cheaply, made once (the RSA modulus takes about a second to build). */
    private static final class BurningKeys {
        private static final SecureRandom RANDOM = new SecureRandom();

        /**
         * A 16,384-bit modulus (a product of 512-bit primes, so it has no small factor and passes the
         * sanity checks a library makes) with a 16,383-bit odd public exponent: every operation with
         * it is a full-size exponentiation, seconds of CPU.
         */
        static final SubjectPublicKeyInfo RSA = rsa();

        private static SubjectPublicKeyInfo rsa() {
            BigInteger modulus = BigInteger.ONE;
            while (modulus.bitLength() < 16_384 - 511) {
                modulus = modulus.multiply(BigInteger.probablePrime(512, RANDOM));
            }
            BigInteger product = modulus;
            for (int bits = 16_384 - product.bitLength(); modulus.bitLength() != 16_384; bits = bits == 16_384 - product.bitLength() ? bits + 1 : bits - 1) {
                modulus = product.multiply(BigInteger.probablePrime(bits, RANDOM)); // k + m or k + m - 1 bits: try both
            }
            BigInteger exponent = new BigInteger(16_383, RANDOM).setBit(16_382).setBit(0);
            try {
                return new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                        org.bouncycastle.asn1.DERNull.INSTANCE), new RSAPublicKey(modulus, exponent));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /**
         * Self-signed, claiming a DSA key with a 16,384-bit prime and a 16,000-bit subgroup, and a
         * DSA signature (r, s) in range, so that checking it is two full-size exponentiations.
         */
        static LabCertificate dsaCertificate() {
            BigInteger p = new BigInteger(16_384, RANDOM).setBit(16_383).setBit(0);
            BigInteger q = new BigInteger(16_000, RANDOM).setBit(15_999).setBit(0);
            BigInteger g = new BigInteger(16_000, RANDOM);
            BigInteger y = new BigInteger(16_000, RANDOM);
            try {
                SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_dsa,
                        new DSAParameter(p, q, g)), new ASN1Integer(y));
                return LabCertificates.builder(LabCerts.LAB_NAME).dns(LabCerts.LAB_NAME).claimedKey(key)
                        .keySlot("hostile-dsa").signedWith(new FakeDsaSigner(q)).build();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Signs nothing: outputs a well-formed DSA signature (r, s below q) over whatever it is given. */
    private record FakeDsaSigner(BigInteger q) implements org.bouncycastle.operator.ContentSigner {
        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return new AlgorithmIdentifier(NISTObjectIdentifiers.dsa_with_sha256);
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public byte[] getSignature() {
            ASN1EncodableVector rs = new ASN1EncodableVector();
            rs.add(new ASN1Integer(q.shiftRight(1)));
            rs.add(new ASN1Integer(q.shiftRight(2)));
            try {
                return new DERSequence(rs).getEncoded(ASN1Encoding.DER);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}

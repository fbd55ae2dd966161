package rdpcheck.probes.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import rdpcheck.probes.nla.NtlmChallengeMessage;
import rdpcheck.probes.nla.NtlmNegotiateMessage;
import rdpcheck.probes.nla.NtlmVersion;
import rdpcheck.probes.nla.TargetInfo;
import rdpcheck.probes.nla.TsRequest;
import rdpcheck.probes.rdp.ConnectionConfirm;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.FailureCode;
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
import rdpcheck.probes.udp.FecHeader;
import rdpcheck.probes.udp.SynAck;
import rdpcheck.probes.udp.SynData;
import rdpcheck.probes.udp.SynDataEx;
import rdpcheck.probes.udp.UdpVersion;

/**
 * Writes the seed corpus of {@link DecoderFuzz}: valid PDUs of every kind, each behind the 2-byte
 * length the targets read first ({@code Seeds DIR [TARGET...]}: only the targets named, when any are). Run once when a decoder's format grows; the files are kept in
 * {@code src/fuzz/corpus/TARGET/}, and what the fuzzer found worth keeping is added next to them.
 */
public final class Seeds {

    private Seeds() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "probes/src/fuzz/corpus");
        byte[] challenge = new NtlmChallengeMessage(Optional.of("TESTDOM"), 0xe28a8235,
                TargetInfo.of("TESTDOM", "RDPTEST-NLA", "testdom.local", "rdptest-nla.testdom.local", "testdom.local",
                        Instant.parse("2025-01-02T03:04:05Z")),
                Optional.of(new NtlmVersion(10, 0, 20348, 15)), List.of()).encode(new byte[8]);
        byte[] negotiate = NtlmNegotiateMessage.standard().encode();
        List<byte[]> initials = new ArrayList<>();
        for (EncryptionMethod method : EncryptionMethod.values()) {
            initials.add(McsConnectInitial.offering(method).encode());
        }
        byte[] response = new McsConnectResponse(0, 0,
                Optional.of(new ServerCoreData(new RdpVersion(0x0008000C), Optional.of(3), Optional.empty())),
                Optional.of(new ServerSecurityData(0x02, 2, 32, Optional.of("proprietary"), Optional.of(2048))),
                Optional.of(new ServerNetworkData(1003, List.of(1004, 1005))), List.of()).encode();
        org.bouncycastle.cert.X509CertificateHolder certificate = selfSigned("lab.rdpcheck.test");

        Map<String, List<byte[]>> seeds = new LinkedHashMap<>();
        seeds.put("connectionConfirm", List.of(ConnectionConfirm.encodeSelected(Protocol.PROTOCOL_HYBRID.bits(), 0x1f),
                ConnectionConfirm.encodeFailure(FailureCode.HYBRID_REQUIRED_BY_SERVER.code()), ConnectionConfirm.encodeLegacy()));
        seeds.put("connectionRequest", List.of(ConnectionRequest.of(0xB).encode(),
                new ConnectionRequest("administrator", Optional.of(0xB), 0x01).encode()));
        seeds.put("tpktRead", List.of(ConnectionConfirm.encodeSelected(1, 0), Tpkt.wrap(new byte[300])));
        seeds.put("x224DataUnwrap", List.of(X224Data.wrap(new byte[] {0x7f, 0x65, 0x03, 1, 2, 3}), initials.get(0)));
        seeds.put("mcsConnectInitial", initials);
        seeds.put("mcsConnectResponse", List.of(response));
        seeds.put("tsRequestDecode", List.of(TsRequest.withToken(6, negotiate).encode(), TsRequest.withError(6, 0xC000006DL).encode(),
                TsRequest.withToken(2, challenge).encode()));
        seeds.put("tsRequestRead", List.of(TsRequest.withToken(6, challenge).encode(), TsRequest.withError(3, 5).encode()));
        seeds.put("ntlmChallenge", List.of(challenge));
        seeds.put("ntlmChallengeToken", List.of(challenge, TsRequest.withToken(6, challenge).encode()));
        seeds.put("ntlmNegotiate", List.of(negotiate));
        seeds.put("certificate", List.of(certificate.getEncoded()));
        seeds.put("publicKeyLimits", List.of(certificate.getSubjectPublicKeyInfo().getEncoded()));

        seeds.put("tlsServerFlight", List.of(serverFlight(certificate.getEncoded())));
        seeds.put("httpResponseHead", rdpcheck.probes.gateway.GatewaySeeds.responseHeads());
        seeds.put("wwwAuthenticate", rdpcheck.probes.gateway.GatewaySeeds.challenges());
        seeds.put("dtlsRecord", rdpcheck.probes.gateway.GatewaySeeds.datagrams());
        seeds.put("dtlsHandshake", rdpcheck.probes.gateway.GatewaySeeds.handshakes());
        int synAck = FecHeader.FLAG_SYN | FecHeader.FLAG_ACK;
        seeds.put("rdpUdpSynAck", List.of(
                new SynAck(new FecHeader(0x42, 1024, synAck), new SynData(0x42, 1232, 1232), Optional.empty(), 16).encode(),
                new SynAck(new FecHeader(0x89abcdefL, 64, synAck | FecHeader.FLAG_SYNEX), new SynData(7, 1232, 1200),
                        Optional.of(SynDataEx.offering(UdpVersion.V3)), 1232).encode()));

        // further arguments name the targets to write (a new target's seeds without touching the others')
        java.util.Set<String> only = java.util.Set.of(java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        for (Map.Entry<String, List<byte[]>> entry : seeds.entrySet()) {
            if (!only.isEmpty() && !only.contains(entry.getKey())) {
                continue;
            }
            Path dir = Files.createDirectories(root.resolve(entry.getKey()));
            int n = 0;
            for (byte[] pdu : entry.getValue()) {
                byte[] input = new byte[2 + pdu.length];
                input[0] = (byte) (pdu.length >> 8);
                input[1] = (byte) pdu.length;
                System.arraycopy(pdu, 0, input, 2, pdu.length);
                Files.write(dir.resolve("seed-" + n++ + ".bin"), input);
            }
        }
    }

    /** A self-signed RSA-2048 server certificate with a DNS SAN (the lab's builder lives in a module built after this one). */
    static org.bouncycastle.cert.X509CertificateHolder selfSigned(String name) throws Exception {
        org.bouncycastle.crypto.generators.RSAKeyPairGenerator generator = new org.bouncycastle.crypto.generators.RSAKeyPairGenerator();
        generator.init(new org.bouncycastle.crypto.params.RSAKeyGenerationParameters(java.math.BigInteger.valueOf(65537),
                new java.security.SecureRandom(), 2048, 100));
        org.bouncycastle.crypto.AsymmetricCipherKeyPair keys = generator.generateKeyPair();
        org.bouncycastle.asn1.x500.X500Name subject = new org.bouncycastle.asn1.x500.X500Name("CN=" + name);
        org.bouncycastle.cert.X509v3CertificateBuilder builder = new org.bouncycastle.cert.X509v3CertificateBuilder(subject,
                java.math.BigInteger.ONE, java.util.Date.from(Instant.parse("2026-01-01T00:00:00Z")),
                java.util.Date.from(Instant.parse("2027-01-01T00:00:00Z")), subject,
                org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keys.getPublic()));
        builder.addExtension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName, false,
                new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
                        org.bouncycastle.asn1.x509.GeneralName.dNSName, name)));
        org.bouncycastle.asn1.x509.AlgorithmIdentifier signature =
                new org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");
        return builder.build(new org.bouncycastle.operator.bc.BcRSAContentSignerBuilder(signature,
                new org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder().find(signature)).build(keys.getPrivate()));
    }

    /**
     * A TLS 1.2 server's first flight for RSA key exchange: ServerHello (TLS_RSA_WITH_AES_128_GCM_SHA256,
     * renegotiation_info), Certificate with {@code der}, ServerHelloDone; each in a record of its own.
     */
    static byte[] serverFlight(byte[] der) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] hello = new byte[2 + 32 + 1 + 2 + 1 + 2 + 5];
        hello[0] = 3;
        hello[1] = 3;
        java.util.Arrays.fill(hello, 2, 34, (byte) 0x42);
        int at = 35; // session id length 0 at 34
        hello[at++] = 0x00;
        hello[at++] = (byte) 0x9c; // TLS_RSA_WITH_AES_128_GCM_SHA256
        hello[at++] = 0; // compression null
        hello[at++] = 0;
        hello[at++] = 5; // extensions length
        byte[] renegotiationInfo = {(byte) 0xff, 0x01, 0x00, 0x01, 0x00};
        System.arraycopy(renegotiationInfo, 0, hello, at, renegotiationInfo.length);
        record(out, handshake(2, hello));
        byte[] list = new byte[3 + 3 + der.length];
        int total = 3 + der.length;
        list[0] = (byte) (total >> 16);
        list[1] = (byte) (total >> 8);
        list[2] = (byte) total;
        list[3] = (byte) (der.length >> 16);
        list[4] = (byte) (der.length >> 8);
        list[5] = (byte) der.length;
        System.arraycopy(der, 0, list, 6, der.length);
        record(out, handshake(11, list));
        record(out, handshake(14, new byte[0]));
        return out.toByteArray();
    }

    private static byte[] handshake(int type, byte[] body) {
        byte[] message = new byte[4 + body.length];
        message[0] = (byte) type;
        message[1] = (byte) (body.length >> 16);
        message[2] = (byte) (body.length >> 8);
        message[3] = (byte) body.length;
        System.arraycopy(body, 0, message, 4, body.length);
        return message;
    }

    private static void record(java.io.ByteArrayOutputStream out, byte[] fragment) {
        out.write(0x16);
        out.write(3);
        out.write(3);
        out.write(fragment.length >> 8);
        out.write(fragment.length);
        out.writeBytes(fragment);
    }
}

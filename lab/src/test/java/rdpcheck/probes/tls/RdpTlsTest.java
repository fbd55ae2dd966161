package rdpcheck.probes.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import rdpcheck.probes.Deadline;
import rdpcheck.probes.ProbeOptions;
import rdpcheck.lab.AfterConfirm;
import rdpcheck.lab.LabCertificate;
import rdpcheck.lab.LabCertificates;
import rdpcheck.lab.LabHost;
import rdpcheck.lab.RdpLabHandler;
import rdpcheck.lab.TlsStage;
import rdpcheck.lab.WindowsPolicy;
import rdpcheck.probes.net.Connection;
import rdpcheck.probes.rdp.ConnectionRequest;
import rdpcheck.probes.rdp.NegotiationReply;
import rdpcheck.probes.rdp.Protocol;
import rdpcheck.probes.rdp.RdpHandshake;

class RdpTlsTest {

    private static final LabCertificate RSA = LabCertificates.builder("rdp01.lab").dns("rdp01.lab").build();
    private static final LabCertificate EC = LabCertificates.builder("ec.lab").dns("ec.lab").ec("secp256r1").build();

    private int openBefore;

    @BeforeEach
    void countSockets() {
        openBefore = Connection.openCount();
    }

    @AfterEach
    void noSocketLeft() {
        assertEquals(openBefore, Connection.openCount(), "every probe connection is closed");
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void handshake_eachVersion_negotiatesItAndCapturesChain(TlsVersion version) throws Exception {
        try (LabHost host = LabHost.start("tls", new RdpLabHandler(WindowsPolicy.tlsRequired(), TlsStage.serving(RSA)));
             Connection connection = open(host)) {
            negotiateTls(connection);
            try (TlsSession session = RdpTls.handshake(connection, version)) {
                assertEquals(version, session.version());
                assertTrue(session.cipherSuiteName().startsWith("TLS_"), session.cipherSuiteName());
                assertEquals(1, session.chain().size());
                assertArrayEquals(RSA.leafDer(), session.serverCertificate());
                assertTrue(session.handshakeMillis() > 0);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void handshake_windowsKeyUsageWithoutDigitalSignature_stillCompletes(TlsVersion version) throws Exception {
        // Windows' self-signed RDP certificate: keyEncipherment + dataEncipherment, yet it signs (EC)DHE
        LabCertificate windowsLike = LabCertificates.builder("RDP01").dns("RDP01")
                .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment
                        | org.bouncycastle.asn1.x509.KeyUsage.dataEncipherment).build();
        try (LabHost host = LabHost.start("ku", new RdpLabHandler(WindowsPolicy.tlsRequired(), TlsStage.serving(windowsLike)));
             Connection connection = open(host)) {
            negotiateTls(connection);
            try (TlsSession session = RdpTls.handshake(connection, version)) {
                assertEquals(version, session.version());
            }
        }
    }

    @Test
    void handshake_ecCertificateTls13_givesEcSubjectPublicKey() throws Exception {
        try (LabHost host = LabHost.start("tls-ec", new RdpLabHandler(WindowsPolicy.tlsRequired(), TlsStage.serving(EC)));
             Connection connection = open(host)) {
            negotiateTls(connection);
            try (TlsSession session = RdpTls.handshake(connection, TlsVersion.TLS_1_3)) {
                assertTrue(session.cipherSuiteName().equals("TLS_AES_128_GCM_SHA256")
                        || session.cipherSuiteName().equals("TLS_AES_256_GCM_SHA384")
                        || session.cipherSuiteName().equals("TLS_CHACHA20_POLY1305_SHA256"), session.cipherSuiteName());
                byte[] expected = Certificate.getInstance(EC.leafDer()).getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
                assertArrayEquals(expected, session.subjectPublicKey());
                assertEquals(65, session.subjectPublicKey().length, "uncompressed P-256 point");
            }
        }
    }

    @Test
    void applicationData_flowsBothWaysInsideTls() throws Exception {
        TlsStage echo = TlsStage.serving(RSA).then((in, out, request, selected) -> {
            byte[] buffer = new byte[5];
            int off = 0;
            while (off < 5) {
                int n = in.read(buffer, off, 5 - off);
                if (n < 0) {
                    return;
                }
                off += n;
            }
            out.write(buffer);
            out.write(selected);
            out.flush();
        });
        try (LabHost host = LabHost.start("echo", new RdpLabHandler(WindowsPolicy.requiringNla(), echo));
             Connection connection = open(host)) {
            int hybrid = Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits();
            NegotiationReply reply = RdpHandshake.negotiate(connection, ConnectionRequest.of(hybrid));
            assertInstanceOf(NegotiationReply.Selected.class, reply);
            try (TlsSession session = RdpTls.handshake(connection, EnumSet.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3),
                    Optional.of("rdp01.lab"))) {
                OutputStream out = session.output();
                out.write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = session.input();
                byte[] back = in.readNBytes(6);
                assertEquals("hello", new String(back, 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
                assertEquals(Protocol.PROTOCOL_HYBRID.bits(), back[5]);
            }
        }
    }

    @Test
    void handshake_versionNotAllowed_reportsServerAlertByName() throws Exception {
        TlsStage only12 = TlsStage.serving(RSA).onlyVersions(EnumSet.of(TlsVersion.TLS_1_2));
        try (LabHost host = LabHost.start("only12", new RdpLabHandler(WindowsPolicy.tlsRequired(), only12));
             Connection connection = open(host)) {
            negotiateTls(connection);
            TlsHandshakeException e = assertThrows(TlsHandshakeException.class,
                    () -> RdpTls.handshake(connection, TlsVersion.TLS_1_0));
            assertEquals(TlsFailure.Kind.ALERT_RECEIVED, e.failure().kind());
            assertEquals(Optional.of("protocol_version"), e.failure().alert());
        }
    }

    @Test
    void handshake_garbageAfterConfirm_reportsNotTlsWithBytes() throws Exception {
        AfterConfirm garbage = (socket, request, selected) -> {
            socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.getInputStream().read(new byte[4096]);
        };
        try (LabHost host = LabHost.start("garbage", new RdpLabHandler(WindowsPolicy.tlsRequired(), garbage));
             Connection connection = open(host)) {
            negotiateTls(connection);
            TlsHandshakeException e = assertThrows(TlsHandshakeException.class,
                    () -> RdpTls.handshake(connection, TlsVersion.TLS_1_2));
            assertEquals(TlsFailure.Kind.NOT_TLS, e.failure().kind());
            assertTrue(e.failure().firstBytes().startsWith("48 54 54 50"), e.failure().firstBytes());
        }
    }

    @Test
    void handshake_resetMidHandshake_reportsClosed() throws Exception {
        AfterConfirm reset = (socket, request, selected) -> {
            socket.getInputStream().read(new byte[16]); // part of the ClientHello
            socket.setSoLinger(true, 0);
            socket.close();
        };
        try (LabHost host = LabHost.start("reset", new RdpLabHandler(WindowsPolicy.tlsRequired(), reset));
             Connection connection = open(host)) {
            negotiateTls(connection);
            TlsHandshakeException e = assertThrows(TlsHandshakeException.class,
                    () -> RdpTls.handshake(connection, TlsVersion.TLS_1_2));
            assertEquals(TlsFailure.Kind.CLOSED, e.failure().kind(), e.failure().detail());
        }
    }

    @Test
    void handshake_endlessRecords_stopsAtByteLimit() throws Exception {
        // A record header announcing a handshake record, then endless bytes: never a complete handshake.
        AfterConfirm flood = (socket, request, selected) -> {
            OutputStream out = socket.getOutputStream();
            byte[] record = new byte[5 + 16_000];
            record[0] = 22;
            record[1] = 3;
            record[2] = 3;
            record[3] = (byte) (16_000 >>> 8);
            record[4] = (byte) 16_000;
            record[5] = 11; // certificate message ...
            record[6] = (byte) 0xff; // ... announcing 16 MB
            while (!socket.isClosed()) {
                out.write(record);
            }
        };
        try (LabHost host = LabHost.start("flood", new RdpLabHandler(WindowsPolicy.tlsRequired(), flood));
             Connection connection = open(host)) {
            negotiateTls(connection);
            TlsHandshakeException e = assertThrows(TlsHandshakeException.class,
                    () -> RdpTls.handshake(connection, TlsVersion.TLS_1_2));
            assertTrue(e.failure().bytesRead() <= RdpTls.HANDSHAKE_BYTE_LIMIT, e.failure().toString());
        }
    }

    @Test
    void nlaLabHost_hybridRequest_getsTlsWithSelfSignedCertificate() throws Exception {
        try (LabHost host = LabHost.start("nla", rdpcheck.lab.LabHosts.nlaRequiredWithTls());
             Connection connection = open(host)) {
            int hybrid = Protocol.PROTOCOL_SSL.bits() | Protocol.PROTOCOL_HYBRID.bits();
            NegotiationReply reply = RdpHandshake.negotiate(connection, ConnectionRequest.of(hybrid));
            assertInstanceOf(NegotiationReply.Selected.class, reply);
            try (TlsSession session = RdpTls.handshake(connection, TlsVersion.TLS_1_2)) {
                Certificate leaf = Certificate.getInstance(session.serverCertificate());
                assertEquals("CN=RDPLAB-NLA", leaf.getSubject().toString());
                assertEquals(leaf.getSubject(), leaf.getIssuer());
            }
        }
    }

    @Test
    void cipherSuites_broadForTls10_hasOnlyPre12Suites() {
        int[] suites = CipherSuites.broad(new org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto(),
                EnumSet.of(TlsVersion.TLS_1_0));
        List<String> names = java.util.Arrays.stream(suites).mapToObj(CipherSuites::name).toList();
        assertTrue(names.contains("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"), names.toString());
        assertTrue(names.contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA"), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.contains("GCM") || n.endsWith("SHA256")), names.toString());
        assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", CipherSuites.name(0xC030));
        assertEquals("0xFAFA", CipherSuites.name(0xFAFA));
    }

    @Test
    void classify_handshakeFailureAlert_saysWhichSuitesWereNotOffered() throws Exception {
        // an SChannel server with only RC4 enabled answers our ClientHello with alert(fatal, handshake_failure)
        byte[] alertRecord = {21, 3, 1, 0, 2, 2, 40};
        HandshakeBudget budget = new HandshakeBudget(new java.io.ByteArrayInputStream(alertRecord), 1024);
        budget.read(new byte[alertRecord.length], 0, alertRecord.length);
        ProbeTlsClient client = new ProbeTlsClient(new org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto(),
                EnumSet.of(TlsVersion.TLS_1_0), Optional.empty());
        TlsFailure failure = RdpTls.classify(new org.bouncycastle.tls.TlsFatalAlertReceived(
                org.bouncycastle.tls.AlertDescription.handshake_failure), client, budget,
                Deadline.after(Duration.ofSeconds(5)), 3.0);
        assertEquals(TlsFailure.Kind.ALERT_RECEIVED, failure.kind());
        assertEquals(Optional.of("handshake_failure"), failure.alert());
        assertTrue(failure.detail().startsWith("the server sent alert handshake_failure (often: none of the "
                + client.offeredSuites() + " cipher suites offered"), failure.detail());
        assertTrue(failure.detail().contains("RC4"), failure.detail());
    }

    @Test
    void classify_protocolVersionAlert_hasNoCipherHint() throws Exception {
        HandshakeBudget budget = new HandshakeBudget(new java.io.ByteArrayInputStream(new byte[0]), 1024);
        ProbeTlsClient client = new ProbeTlsClient(new org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto(),
                EnumSet.of(TlsVersion.TLS_1_3), Optional.empty());
        TlsFailure failure = RdpTls.classify(new org.bouncycastle.tls.TlsFatalAlertReceived(
                org.bouncycastle.tls.AlertDescription.protocol_version), client, budget,
                Deadline.after(Duration.ofSeconds(5)), 3.0);
        assertEquals("the server sent alert protocol_version", failure.detail());
    }

    @Test
    void cipherSuites_broadForTls10_offersWhatWindows2008R2Picks() {
        // Server 2008 R2 / SChannel without ECDHE-capable keys answers with TLS_RSA_WITH_AES_*_CBC_SHA or 3DES
        List<String> names = java.util.Arrays.stream(CipherSuites.broad(new org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto(),
                EnumSet.of(TlsVersion.TLS_1_0))).mapToObj(CipherSuites::name).toList();
        assertTrue(names.containsAll(List.of("TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
                "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA")),
                names.toString());
        assertTrue(names.stream().noneMatch(n -> n.contains("RC4") || n.contains("NULL") || n.contains("EXPORT")
                || n.contains("anon")), names.toString());
    }

    private static Connection open(LabHost host) throws Exception {
        ProbeOptions options = ProbeOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
        return Connection.open(new InetSocketAddress(host.address(), host.port()), options,
                Deadline.after(Duration.ofSeconds(8)));
    }

    private static void negotiateTls(Connection connection) {
        NegotiationReply reply = RdpHandshake.negotiate(connection, ConnectionRequest.of(Protocol.PROTOCOL_SSL.bits()));
        assertInstanceOf(NegotiationReply.Selected.class, reply, reply.describe());
    }
}

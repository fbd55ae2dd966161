package rdpcheck.probes.rdp.mcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.rdp.MalformedPduException;

class McsConnectPduTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void connectInitial_encode_isTheT125AndT124LayoutOfMsRdpbcgr413() {
        String hex = HEX.formatHex(McsConnectInitial.offering(EncryptionMethod.BIT_40).encode());

        int total = hex.length() / 2;
        assertEquals(String.format("0300%04x", total) + "02f080" + "7f6582", hex.substring(0, 20));
        String afterLength = hex.substring(24);
        // selectors, upwardFlag TRUE, then the three DomainParameters of MS-RDPBCGR 4.1.3. The spec's
        // example writes 65535 as "02 02 ff ff" (a negative INTEGER read as unsigned); DER, like FreeRDP,
        // writes "02 03 00 ff ff", which Windows and xrdp accept.
        assertTrue(afterLength.startsWith("040101" + "040101" + "0101ff"
                + "301a" + "020122" + "020102" + "020100" + "020101" + "020100" + "020101" + "020300ffff" + "020102"
                + "3019" + "020101" + "020101" + "020101" + "020101" + "020100" + "020101" + "02020420" + "020102"
                + "3020" + "020300ffff" + "020300fc17" + "020300ffff" + "020101" + "020100" + "020101" + "020300ffff" + "020102"
                + "048201"), afterLength.substring(0, 60));
        // GCC ConnectData: T.124 OID, connectPDU length, Conference Create Request with "Duca", user data length
        int gcc = hex.indexOf("0005" + "00147c0001");
        assertTrue(gcc > 0);
        assertEquals("00147c0001", hex.substring(gcc + 4, gcc + 14));
        assertEquals("0008001000" + "01c000" + "44756361", hex.substring(gcc + 18, gcc + 18 + 24));
        // CS_CORE 216 bytes, CS_SECURITY with 40-bit only, CS_NET without channels
        assertTrue(hex.contains("01c0d800" + "0c000800"), "CS_CORE header and version 0x0008000c");
        assertTrue(hex.endsWith("02c00c00" + "01000000" + "00000000" + "03c00800" + "00000000"), hex.substring(hex.length() - 40));
        String name = HEX.formatHex("RDPCHECK".getBytes(StandardCharsets.UTF_16LE));
        assertTrue(hex.contains(name));
    }

    @Test
    void connectInitial_decode_readsTheOfferBack() throws Exception {
        McsConnectInitial sent = new McsConnectInitial(0x1b, 0, 0, List.of("rdpdr", "cliprdr"));

        McsConnectInitial got = McsConnectInitial.decode(sent.encode());

        assertEquals(sent, got);
    }

    /** Recorded from xrdp 0.9.21 (security_layer=rdp, crypt_level=high) answering a 40-bit-only offer. */
    static byte[] xrdpResponse() throws IOException {
        try (InputStream in = McsConnectPduTest.class.getResourceAsStream("xrdp-0.9.21-connect-response.hex")) {
            return HEX.parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }

    @Test
    void connectResponse_decode_recordedXrdp_readsCoreSecurityAndNetworkData() throws Exception {
        McsConnectResponse response = McsConnectResponse.decode(xrdpResponse());

        assertTrue(response.successful());
        assertEquals("rt-successful", response.resultName());
        assertEquals(0x00080004, response.core().get().version().value());
        assertEquals("RDP 5.x, 6.x, 7.x or 8.x", response.core().get().version().name());
        ServerSecurityData security = response.security().get();
        assertEquals(Optional.of(EncryptionMethod.BIT_128), security.method());
        assertEquals(Optional.of(EncryptionLevel.HIGH), security.level());
        assertEquals(32, security.serverRandomLength());
        assertEquals(Optional.of("proprietary"), security.certificateType());
        assertEquals(Optional.of(2048), security.rsaKeyBits());
        assertEquals(1003, response.network().get().mcsChannelId());
        assertEquals(List.of(), response.network().get().channelIds());
    }

    @Test
    void connectResponse_encode_thenDecode_keepsEveryBlock() throws Exception {
        McsConnectResponse sent = new McsConnectResponse(0, 0,
                Optional.of(new ServerCoreData(new RdpVersion(0x0008000C), Optional.of(0), Optional.empty())),
                Optional.of(new ServerSecurityData(0x08, 2, 32, Optional.of("proprietary"), Optional.of(2048))),
                Optional.of(new ServerNetworkData(1003, List.of(1004, 1005, 1006))), List.of());

        McsConnectResponse got = McsConnectResponse.decode(sent.encode());

        assertEquals(sent, got);
        assertEquals("RDP 10.7", got.core().get().version().name());
        assertEquals("56-bit RC4", got.security().get().methodName());
        assertEquals("Client Compatible", got.security().get().levelName());
    }

    @Test
    void connectResponse_truncated_isMalformedAtEveryCut() throws Exception {
        byte[] whole = xrdpResponse();
        for (int cut : new int[] {7, 10, 30, 60, 90, 100, 120, 200, whole.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(whole, cut);
            assertThrows(MalformedPduException.class, () -> McsConnectResponse.decode(part), "cut at " + cut);
        }
    }

    @Test
    void connectResponse_connectInitialInstead_isMalformedWithTheTag() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> McsConnectResponse.decode(McsConnectInitial.offering(EncryptionMethod.BIT_128).encode()));
        assertTrue(e.getMessage().contains("[APPLICATION 101], not [APPLICATION 102]"), e.getMessage());
    }

    @Test
    void connectResponse_blockLengthPastTheEnd_isMalformed() throws Exception {
        byte[] packet = xrdpResponse();
        int core = indexOf(packet, HEX.parseHex("010c0c00"));
        packet[core + 2] = (byte) 0xff;
        packet[core + 3] = 0x01; // SC_CORE announces 511 bytes
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> McsConnectResponse.decode(packet));
        assertTrue(e.getMessage().contains("announces 511 bytes"), e.getMessage());
    }

    @Test
    void connectResponse_hugeChannelCount_isMalformed() {
        byte[] block = HEX.parseHex("030c0800eb03ffff");
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> ServerNetworkData.decode(block));
        assertTrue(e.getMessage().contains("65535 channels"), e.getMessage());
    }

    @Test
    void serverSecurity_randomAndCertificateLengthsPastTheBlock_isMalformed() {
        byte[] block = HEX.parseHex("020c1800" + "02000000" + "03000000" + "20000000" + "ffffff7f");
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> ServerSecurityData.decode(block));
        assertTrue(e.getMessage().contains("run past"), e.getMessage());
    }

    @Test
    void serverSecurity_noneAndNone_hasNoKeyMaterial() throws Exception {
        ServerSecurityData none = ServerSecurityData.decode(HEX.parseHex("020c0c00" + "00000000" + "00000000"));
        assertEquals("none", none.methodName());
        assertEquals(Optional.of(EncryptionLevel.NONE), none.level());
        assertEquals(Optional.empty(), none.certificateType());
    }

    @Test
    void gcc_wrongH221Key_isMalformed() throws Exception {
        byte[] packet = xrdpResponse();
        int key = indexOf(packet, "McDn".getBytes(StandardCharsets.US_ASCII));
        packet[key] = 'X';
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> McsConnectResponse.decode(packet));
        assertTrue(e.getMessage().contains("McDn"), e.getMessage());
    }

    @Test
    void userData_manyEmptyBlocks_stopsAtTheCap() {
        byte[] data = new byte[4 * 100];
        for (int i = 0; i < 100; i++) {
            data[i * 4] = 0x09;
            data[i * 4 + 1] = 0x0c;
            data[i * 4 + 2] = 4;
        }
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> UserData.split(data, 0, data.length));
        assertTrue(e.getMessage().contains("more than 16"), e.getMessage());
    }

    @Test
    void x224Data_connectionConfirmInstead_isMalformed() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> X224Data.unwrap(HEX.parseHex("0300000b06d00000000000")));
        assertTrue(e.getMessage().contains("0xd0"), e.getMessage());
    }

    @Test
    void rdpVersion_namesTheSpecValues() {
        assertEquals("RDP 4.0", new RdpVersion(0x00080001).name());
        assertEquals("RDP 10.0", new RdpVersion(0x00080005).name());
        assertEquals("RDP 10.12", new RdpVersion(0x00080011).name());
        assertEquals("RDP 10.13 (newer than the spec's table)", new RdpVersion(0x00080012).name());
        assertEquals("unknown (0x00090000)", new RdpVersion(0x00090000).name());
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        for (int i = 0; i + pattern.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }
}

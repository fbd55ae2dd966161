package rdpcheck.probes.nla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.rdp.MalformedPduException;

class NtlmChallengeMessageTest {

    /** MS-NLMP 4.2.4.3, the NTLMv2 CHALLENGE_MESSAGE example: target "Server" in "Domain", VERSION 6.0.6000. */
    private static byte[] specExample() {
        return HexFormat.of().parseHex(
                "4e544c4d5353500002000000"             // "NTLMSSP\0", MessageType 2
                        + "0c000c0038000000"                  // TargetNameFields: 12 bytes at 0x38
                        + "33828ae2"                          // NegotiateFlags 0xe28a8233
                        + "0123456789abcdef"                  // ServerChallenge
                        + "0000000000000000"                  // Reserved
                        + "2400240044000000"                  // TargetInfoFields: 36 bytes at 0x44
                        + "060070170000000f"                  // VERSION 6.0.6000, NTLM revision 15
                        + "530065007200760065007200"          // "Server"
                        + "02000c00" + "44006f006d00610069006e00" // MsvAvNbDomainName "Domain"
                        + "01000c00" + "530065007200760065007200" // MsvAvNbComputerName "Server"
                        + "00000000");                        // MsvAvEOL
    }

    @Test
    void decode_specExample_readsNamesFlagsAndVersion() throws Exception {
        NtlmChallengeMessage message = NtlmChallengeMessage.decode(specExample());

        assertEquals(Optional.of("Server"), message.targetName());
        assertEquals(0xe28a8233, message.negotiateFlags());
        assertTrue(message.flagNames().contains("NTLMSSP_NEGOTIATE_TARGET_INFO"));
        assertEquals(Optional.of("Server"), message.targetInfo().nbComputerName());
        assertEquals(Optional.of("Domain"), message.targetInfo().nbDomainName());
        assertTrue(message.targetInfo().terminated());
        assertEquals(List.of("MSV_AV_NB_DOMAIN_NAME", "MSV_AV_NB_COMPUTER_NAME", "MSV_AV_EOL"), message.targetInfo().avIds());
        assertEquals(Optional.of(new NtlmVersion(6, 0, 6000, 15)), message.version());
        assertEquals("6.0.6000", message.version().get().number());
        assertEquals(List.of(), message.problems());
        assertEquals(List.of(), message.targetInfo().problems());
    }

    /** A Server 2019 CHALLENGE as Windows lays it out, built field by field from MS-NLMP 2.2.1.2. */
    static byte[] windows2019Challenge(long fileTime) {
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        avPair(info, 2, utf16("CORP"));
        avPair(info, 1, utf16("RDP01"));
        avPair(info, 4, utf16("corp.example.com"));
        avPair(info, 3, utf16("rdp01.corp.example.com"));
        avPair(info, 5, utf16("example.com"));
        byte[] ts = new byte[8];
        for (int i = 0; i < 8; i++) {
            ts[i] = (byte) (fileTime >>> (8 * i));
        }
        avPair(info, 7, ts);
        avPair(info, 0, new byte[0]);
        byte[] name = utf16("CORP");
        byte[] infoBytes = info.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII));
        le32(out, 2);
        le16(out, name.length);
        le16(out, name.length);
        le32(out, 56);
        le32(out, 0xe28a8235);
        out.writeBytes(HexFormat.of().parseHex("1122334455667788"));
        out.writeBytes(new byte[8]);
        le16(out, infoBytes.length);
        le16(out, infoBytes.length);
        le32(out, 56 + name.length);
        out.writeBytes(new byte[] {10, 0, (byte) 0x63, (byte) 0x45, 0, 0, 0, 15}); // 10.0.17763 (0x4563)
        out.writeBytes(name);
        out.writeBytes(infoBytes);
        return out.toByteArray();
    }

    @Test
    void decode_windows2019Layout_readsEveryNameTimestampAndRelease() throws Exception {
        Instant when = Instant.parse("2026-11-24T02:30:00.1234567Z");
        long fileTime = 116_444_736_000_000_000L + when.getEpochSecond() * 10_000_000L + when.getNano() / 100;

        NtlmChallengeMessage message = NtlmChallengeMessage.decode(windows2019Challenge(fileTime));

        TargetInfo info = message.targetInfo();
        assertEquals(Optional.of("CORP"), message.targetName());
        assertEquals(Optional.of("RDP01"), info.nbComputerName());
        assertEquals(Optional.of("CORP"), info.nbDomainName());
        assertEquals(Optional.of("rdp01.corp.example.com"), info.dnsComputerName());
        assertEquals(Optional.of("corp.example.com"), info.dnsDomainName());
        assertEquals(Optional.of("example.com"), info.dnsTreeName());
        assertEquals(Optional.of(when), info.timestamp());
        assertEquals("10.0.17763", message.version().get().number());
        assertEquals(Optional.of("Windows Server 2019"), message.version().get().release().get().server());
    }

    @Test
    void decodeToken_challengeInsideSpnegoWrapper_isFound() throws Exception {
        byte[] challenge = specExample();
        byte[] wrapped = new byte[challenge.length + 12];
        wrapped[0] = (byte) 0xa1;
        System.arraycopy(challenge, 0, wrapped, 12, challenge.length);

        assertEquals(Optional.of("Server"), NtlmChallengeMessage.decodeToken(wrapped).targetName());
    }

    @Test
    void decodeToken_noNtlmSignature_isMalformed() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> NtlmChallengeMessage.decodeToken(new byte[] {0x60, 0x06, 1, 2, 3}));
        assertTrue(e.getMessage().contains("no NTLMSSP"), e.getMessage());
    }

    @Test
    void encode_thenDecode_keepsEveryField() throws Exception {
        Instant when = Instant.parse("2025-01-02T03:04:05.5Z");
        NtlmChallengeMessage sent = new NtlmChallengeMessage(Optional.of("TESTDOM"), 0xe28a8235,
                TargetInfo.of("TESTDOM", "RDPTEST-NLA", "testdom.local", "rdptest-nla.testdom.local", "testdom.local", when),
                Optional.of(new NtlmVersion(10, 0, 20348, 15)), List.of());

        NtlmChallengeMessage got = NtlmChallengeMessage.decode(sent.encode(new byte[8]));

        assertEquals(sent.targetName(), got.targetName());
        assertEquals(sent.targetInfo().nbComputerName(), got.targetInfo().nbComputerName());
        assertEquals(sent.targetInfo().dnsTreeName(), got.targetInfo().dnsTreeName());
        assertEquals(Optional.of(when), got.targetInfo().timestamp());
        assertEquals(sent.version(), got.version());
    }

    @Test
    void decode_shorterThanFixedFields_isMalformed() {
        byte[] cut = java.util.Arrays.copyOf(specExample(), 31);
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> NtlmChallengeMessage.decode(cut));
        assertTrue(e.getMessage().contains("shorter than the 32"), e.getMessage());
    }

    @Test
    void decode_negotiateInsteadOfChallenge_isMalformed() {
        byte[] negotiate = NtlmNegotiateMessage.standard().encode();
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> NtlmChallengeMessage.decode(negotiate));
        assertTrue(e.getMessage().contains("type 1"), e.getMessage());
    }

    @Test
    void decode_targetInfoPastTheEnd_reportsProblemAndKeepsTheRest() throws Exception {
        byte[] message = specExample();
        message[40] = (byte) 0xff; // TargetInfo length 0x00ff, past the 104-byte message

        NtlmChallengeMessage got = NtlmChallengeMessage.decode(message);

        assertEquals(Optional.of("Server"), got.targetName());
        assertEquals(Optional.empty(), got.targetInfo().nbComputerName());
        assertTrue(got.problems().get(0).contains("TargetInfo of 255 bytes at offset 68 lies past the end"), got.problems().toString());
    }

    @Test
    void decode_targetNameOffsetHuge_reportsProblemWithoutOverflow() throws Exception {
        byte[] message = specExample();
        message[16] = (byte) 0xf0;
        message[17] = (byte) 0xff;
        message[18] = (byte) 0xff;
        message[19] = (byte) 0xff; // offset 0xfffffff0: would wrap a 32-bit sum

        NtlmChallengeMessage got = NtlmChallengeMessage.decode(message);

        assertEquals(Optional.empty(), got.targetName());
        assertEquals(Optional.of("Server"), got.targetInfo().nbComputerName());
        assertEquals(1, got.problems().size());
    }

    @Test
    void decode_avPairLengthPastItsList_stopsThere() throws Exception {
        byte[] message = specExample();
        message[0x44 + 2] = (byte) 0x40; // MsvAvNbDomainName announces 64 bytes of a 36-byte list

        TargetInfo info = NtlmChallengeMessage.decode(message).targetInfo();

        assertEquals(Optional.empty(), info.nbDomainName());
        assertFalse(info.terminated());
        assertTrue(info.problems().get(0).contains("announces 64 bytes, only 32 remain"), info.problems().toString());
    }

    @Test
    void decode_avPairListWithoutEol_keepsNamesAndSaysSo() throws Exception {
        byte[] full = specExample();
        byte[] message = java.util.Arrays.copyOf(full, full.length - 4);
        message[40] = 0x20; // TargetInfo length 32: the EOL is gone
        message[42] = 0x20;

        TargetInfo info = NtlmChallengeMessage.decode(message).targetInfo();

        assertEquals(Optional.of("Server"), info.nbComputerName());
        assertFalse(info.terminated());
        assertEquals(List.of("the AV_PAIR list has no MsvAvEOL terminator"), info.problems());
    }

    @Test
    void decode_thousandsOfAvPairs_stopsAtTheCap() throws Exception {
        int pairs = 5000;
        byte[] info = new byte[pairs * 4];
        for (int i = 0; i < pairs; i++) {
            info[i * 4] = 0x7f; // unknown AvId 0x007f, AvLen 0
        }
        byte[] head = java.util.Arrays.copyOf(specExample(), 56);
        head[12] = 0;
        head[14] = 0; // no target name
        head[40] = (byte) info.length;
        head[41] = (byte) (info.length >>> 8);
        head[44] = 56;
        head[45] = 0;
        byte[] message = new byte[56 + info.length];
        System.arraycopy(head, 0, message, 0, 56);
        System.arraycopy(info, 0, message, 56, info.length);

        TargetInfo got = NtlmChallengeMessage.decode(message).targetInfo();

        assertEquals(TargetInfo.MAX_PAIRS, got.avIds().size());
        assertTrue(got.problems().get(0).startsWith("more than 64 AV_PAIRs"), got.problems().toString());
    }

    @Test
    void decode_versionFlagButNoVersionBytes_reportsProblem() throws Exception {
        byte[] message = java.util.Arrays.copyOf(specExample(), 48);
        message[40] = 0;
        message[42] = 0;
        message[12] = 0;
        message[14] = 0;

        NtlmChallengeMessage got = NtlmChallengeMessage.decode(message);

        assertEquals(Optional.empty(), got.version());
        assertTrue(got.problems().contains("NTLMSSP_NEGOTIATE_VERSION is set but the message ends before the VERSION"));
    }

    @Test
    void decode_timestampOfWrongLengthOrBeyondRange_isReportedNotThrown() {
        byte[] list = HexFormat.of().parseHex("07000400aabbccdd" + "07000800ffffffffffffffff" + "00000000");
        TargetInfo info = TargetInfo.decode(list, 0, list.length);

        assertEquals(Optional.empty(), info.timestamp());
        assertEquals(2, info.problems().size(), info.problems().toString());
        assertTrue(info.terminated());
    }

    @Test
    void decode_oddLengthName_keepsWholeCharacters() {
        byte[] list = HexFormat.of().parseHex("01000500" + "41004200" + "43" + "00000000");
        TargetInfo info = TargetInfo.decode(list, 0, list.length);

        assertEquals(Optional.of("AB"), info.nbComputerName());
        assertTrue(info.problems().get(0).contains("odd length"));
    }

    @Test
    void fileTime_roundTripsThroughInstant() {
        Instant when = Instant.parse("1999-12-31T23:59:59.9999999Z");
        byte[] list = new byte[12 + 4];
        long ticks = TargetInfo.toFileTime(when);
        list[0] = 7;
        list[2] = 8;
        for (int i = 0; i < 8; i++) {
            list[4 + i] = (byte) (ticks >>> (8 * i));
        }
        assertEquals(Optional.of(when), TargetInfo.decode(list, 0, list.length).timestamp());
    }

    private static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    private static void avPair(ByteArrayOutputStream out, int id, byte[] value) {
        le16(out, id);
        le16(out, value.length);
        out.writeBytes(value);
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        le16(out, v);
        le16(out, v >>> 16);
    }

    @Test
    void specExampleBytes_areTheSpecsLength() {
        assertEquals(0x44 + 0x24, specExample().length);
        assertArrayEquals("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(specExample(), 8));
    }
}

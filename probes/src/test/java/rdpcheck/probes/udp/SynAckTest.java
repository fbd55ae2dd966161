package rdpcheck.probes.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.rdp.MalformedPduException;

/** The SYN+ACK decoder against MS-RDPEUDP's layouts (2.2.2.1, 2.2.2.5, 2.2.2.9, example 4.1.2) and hostile bytes. */
class SynAckTest {

    private static final HexFormat HEX = HexFormat.of();

    /** MS-RDPEUDP 4.1.2: snSourceAck 0x42, window 1024, SYN|ACK, ISN 0x42, MTUs 1232, zero-padded to 1232 bytes. */
    static byte[] specExample() {
        return Arrays.copyOf(HEX.parseHex("0000004204000005" + "0000004204d004d0"), 1232);
    }

    @Test
    void decode_specExample_readsEveryFieldAndMeansVersion1() throws Exception {
        SynAck synAck = SynAck.decode(specExample());
        assertEquals(0x42, synAck.acknowledged());
        assertEquals(1024, synAck.header().receiveWindow());
        assertEquals(FecHeader.FLAG_SYN | FecHeader.FLAG_ACK, synAck.header().flags());
        assertEquals(new SynData(0x42, 1232, 1232), synAck.data());
        assertEquals(Optional.of(UdpVersion.V1), synAck.version(), "no RDPUDP_SYNDATAEX_PAYLOAD: version 1");
        assertEquals(Optional.empty(), synAck.versionCode());
        assertEquals(1232, synAck.length());
    }

    @Test
    void decode_withSynDataEx_readsTheChosenVersion() throws Exception {
        byte[] v2 = Arrays.copyOf(HEX.parseHex("89abcdef00401005" + "0102030404c404b0" + "00010002"), 1232);
        SynAck synAck = SynAck.decode(v2);
        assertEquals(0x89abcdefL, synAck.acknowledged(), "snSourceAck is unsigned");
        assertEquals(64, synAck.header().receiveWindow());
        assertEquals(new SynData(0x01020304L, 1220, 1200), synAck.data());
        assertEquals(Optional.of(UdpVersion.V2), synAck.version());
        byte[] v3 = Arrays.copyOf(HEX.parseHex("89abcdef00401005" + "0102030404c404b0" + "00010101"), 40);
        assertEquals(Optional.of(UdpVersion.V3), SynAck.decode(v3).version());
        assertEquals(Optional.of(0x0101), SynAck.decode(v3).versionCode());
    }

    @Test
    void decode_versionRdpcheckDoesNotKnow_isNoVersionButKeepsTheCode() throws Exception {
        SynAck synAck = SynAck.decode(HEX.parseHex("0000000100401005" + "0000000204d004d0" + "00010003"));
        assertEquals(Optional.empty(), synAck.version());
        assertEquals(Optional.of(3), synAck.versionCode());
        SynAck invalid = SynAck.decode(HEX.parseHex("0000000100401005" + "0000000204d004d0" + "00000003"));
        assertEquals(Optional.of(UdpVersion.V1), invalid.version(), "RDPUDP_VERSION_INFO_VALID clear: no version named");
    }

    @Test
    void decode_correlationIdBeforeSynDataEx_isSkipped() throws Exception {
        byte[] bytes = Arrays.copyOf(HEX.parseHex("0000000100401805" + "0000000204d004d0" + "ff".repeat(32) + "00010002"), 1232);
        assertEquals(Optional.of(UdpVersion.V2), SynAck.decode(bytes).version());
    }

    @Test
    void encode_answering_roundTripsAndAcknowledgesTheSyn() throws Exception {
        Syn syn = Syn.offering(UdpVersion.V3, new SecureRandom());
        byte[] bytes = SynAck.answering(syn, 99, 32, 1200, Optional.of(UdpVersion.V2)).encode();
        assertEquals(Syn.PADDED_LENGTH, bytes.length, "a SYN+ACK is padded like the SYN");
        SynAck back = SynAck.decode(bytes);
        assertEquals(syn.initialSequenceNumber(), back.acknowledged());
        assertEquals(Optional.of(UdpVersion.V2), back.version());
        assertEquals(1200, back.data().upstreamMtu());
    }

    @Test
    void decode_notASynAck_isRefusedWithTheReason() {
        assertRefused("0000004204000001" + "0000004204d004d0", "not a SYN+ACK"); // SYN alone
        assertRefused("0000004204000004" + "0000004204d004d0", "not a SYN+ACK"); // ACK alone
        assertRefused("0000004204000005" + "000000420fa004d0", "uUpStreamMtu is 4000"); // MTU out of range
        assertRefused("0000004204000005" + "0000004204d00000", "uDownStreamMtu is 0");
        assertRefused("0000004204001005" + "0000004204d004d0" + "0001", "RDPUDP_SYNDATAEX_PAYLOAD needs 4 bytes");
        assertRefused("0000004204000805" + "0000004204d004d0" + "00", "RDPUDP_CORRELATION_ID_PAYLOAD needs 32 bytes");
        assertRefused("", "RDPUDP_FEC_HEADER needs 8 bytes");
        assertRefused("00000042040000", "RDPUDP_FEC_HEADER needs 8 bytes");
    }

    @Test
    void decode_longerThanTheLargestMtu_isRefused() {
        byte[] reflected = Arrays.copyOf(specExample(), 1233);
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> SynAck.decode(reflected));
        assertTrue(e.getMessage().contains("1233-byte datagram is longer than any SYN+ACK"), e.getMessage());
    }

    @Test
    void decode_everyTruncationOfAValidAnswer_decodesOrIsRefused() {
        byte[] whole = HEX.parseHex("0000004204001805" + "0000004204d004d0" + "00".repeat(32) + "00010002");
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThrows(MalformedPduException.class, () -> SynAck.decode(cut), "cut at " + length);
        }
    }

    private static void assertRefused(String hex, String reason) {
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> SynAck.decode(HEX.parseHex(hex)), hex);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void syn_offeringVersion3_isTheSpecsLayoutPaddedTo1232() throws Exception {
        Syn syn = Syn.offering(UdpVersion.V3, new SecureRandom());
        byte[] bytes = syn.encode();
        assertEquals(1232, bytes.length);
        assertEquals("ffffffff", HEX.formatHex(bytes, 0, 4), "snSourceAck -1");
        assertEquals("0040", HEX.formatHex(bytes, 4, 6), "uReceiveWindowSize 64");
        assertEquals("1001", HEX.formatHex(bytes, 6, 8), "RDPUDP_FLAG_SYN | RDPUDP_FLAG_SYNEX");
        assertEquals(String.format("%08x", syn.initialSequenceNumber()), HEX.formatHex(bytes, 8, 12));
        assertEquals("04d004d0", HEX.formatHex(bytes, 12, 16), "both MTUs 1232");
        assertEquals("00010101", HEX.formatHex(bytes, 16, 20), "RDPUDP_VERSION_INFO_VALID, version 3");
        assertEquals(syn.cookieHash().orElseThrow(), HEX.formatHex(bytes, 20, 52), "the cookie hash follows");
        assertArrayEquals(new byte[1232 - 52], Arrays.copyOfRange(bytes, 52, 1232), "zero padding");
        assertEquals(syn, Syn.decode(bytes));
    }

    @Test
    void syn_offeringVersion2_carriesNoCookieHash_andTwoSynsDifferInSequence() throws Exception {
        SecureRandom random = new SecureRandom();
        Syn syn = Syn.offering(UdpVersion.V2, random);
        byte[] bytes = syn.encode();
        assertEquals("00010002", HEX.formatHex(bytes, 16, 20));
        assertArrayEquals(new byte[1232 - 20], Arrays.copyOfRange(bytes, 20, 1232));
        assertEquals(Optional.empty(), Syn.decode(bytes).cookieHash());
        assertTrue(syn.initialSequenceNumber() != Syn.offering(UdpVersion.V2, random).initialSequenceNumber()
                || syn.initialSequenceNumber() != Syn.offering(UdpVersion.V2, random).initialSequenceNumber(),
                "the initial sequence number is random");
    }

    @Test
    void synDecode_aSynAckOrAnAckedSyn_isNotASyn() {
        assertThrows(MalformedPduException.class, () -> Syn.decode(specExample()));
        assertThrows(MalformedPduException.class, () -> Syn.decode(HEX.parseHex("0000000104000001" + "0000004204d004d0")));
        assertThrows(MalformedPduException.class, () -> Syn.decode(HEX.parseHex("ffffffff04001001" + "0000004204d004d0"
                + "00010101" + "00".repeat(31))), "a version 3 SYN one byte short of its cookie hash");
    }
}

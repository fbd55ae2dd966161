package rdpcheck.probes.rdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Byte layouts built by hand from MS-RDPBCGR 2.2.1.2 (Server X.224 Connection Confirm). */
class ConnectionConfirmTest {

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void decode_negotiationResponseSelectingTls_readsProtocolAndFlags() throws Exception {
        // TPKT 03 00 00 13 | LI 0e, CC d0, dst 0000, src 1234, class 00 | RSP 02, flags 1f, len 0800, proto 01000000
        NegotiationReply reply = ConnectionConfirm.decode(hex("0300 0013 0ed0 0000 1234 00 02 1f 0800 01000000"));
        NegotiationReply.Selected selected = assertInstanceOf(NegotiationReply.Selected.class, reply);
        assertEquals(Protocol.PROTOCOL_SSL, selected.protocol().orElseThrow());
        assertEquals(List.of("EXTENDED_CLIENT_DATA_SUPPORTED", "DYNVC_GFX_PROTOCOL_SUPPORTED", "NEGRSP_FLAG_RESERVED",
                "RESTRICTED_ADMIN_MODE_SUPPORTED", "REDIRECTED_AUTHENTICATION_MODE_SUPPORTED"), selected.flagNames());
    }

    @Test
    void decode_negotiationResponseSelectingHybridEx_namesIt() throws Exception {
        NegotiationReply reply = ConnectionConfirm.decode(hex("0300 0013 0ed0 0000 0000 00 02 00 0800 08000000"));
        assertEquals("PROTOCOL_HYBRID_EX", ((NegotiationReply.Selected) reply).protocolName());
    }

    @Test
    void decode_unknownSelectedProtocol_keepsRawValue() throws Exception {
        NegotiationReply reply = ConnectionConfirm.decode(hex("0300 0013 0ed0 0000 0000 00 02 00 0800 40000000"));
        assertTrue(((NegotiationReply.Selected) reply).protocolName().contains("0x40"));
    }

    @Test
    void negotiate_sslRequired_reportsFailureCode() throws Exception {
        NegotiationReply reply = ConnectionConfirm.decode(hex("0300 0013 0ed0 0000 0000 00 03 00 0800 01000000"));
        NegotiationReply.Refused refused = assertInstanceOf(NegotiationReply.Refused.class, reply);
        assertEquals(FailureCode.SSL_REQUIRED_BY_SERVER, refused.code().orElseThrow());
    }

    @Test
    void decode_everyFailureCode_hasAName() throws Exception {
        for (FailureCode code : FailureCode.values()) {
            byte[] packet = ConnectionConfirm.encodeFailure(code.code());
            NegotiationReply.Refused refused = (NegotiationReply.Refused) ConnectionConfirm.decode(packet);
            assertEquals(code.name(), refused.failureName());
        }
        NegotiationReply.Refused unknown = (NegotiationReply.Refused) ConnectionConfirm.decode(ConnectionConfirm.encodeFailure(0x99));
        assertTrue(unknown.failureName().contains("unknown"));
    }

    @Test
    void decode_confirmWithoutNegotiationData_isLegacyServer() throws Exception {
        assertInstanceOf(NegotiationReply.NoNegotiationData.class, ConnectionConfirm.decode(hex("0300 000b 06d0 0000 1234 00")));
    }

    @Test
    void decode_disconnectRequest_isDisconnected() throws Exception {
        assertInstanceOf(NegotiationReply.Disconnected.class, ConnectionConfirm.decode(hex("0300 000b 0680 0000 0000 00")));
    }

    @Test
    void decode_mcsDisconnectProviderUltimatum_isDisconnectedWithReason() throws Exception {
        // What xrdp sends for a PROTOCOL_RDSAAD request: X.224 Data, MCS DPUm, reason rn-user-requested (3).
        NegotiationReply reply = ConnectionConfirm.decode(hex("0300 0009 02f0 80 2180"));
        NegotiationReply.Disconnected disconnected = assertInstanceOf(NegotiationReply.Disconnected.class, reply);
        assertTrue(disconnected.how().contains("rn-user-requested"), disconnected.how());
    }

    @Test
    void decode_mcsDisconnectProviderUltimatumChannelPurged_readsAllThreeReasonBits() throws Exception {
        // reason rn-channel-purged (4) = PER bits 100: 0x22 0x00; two bits alone would read rn-domain-disconnected
        NegotiationReply reply = ConnectionConfirm.decode(hex("0300 0009 02f0 80 2200"));
        NegotiationReply.Disconnected disconnected = assertInstanceOf(NegotiationReply.Disconnected.class, reply);
        assertTrue(disconnected.how().endsWith("reason rn-channel-purged"), disconnected.how());
    }

    @Test
    void decode_mcsDisconnectProviderUltimatumReasonOutOfRange_saysSo() throws Exception {
        NegotiationReply reply = ConnectionConfirm.decode(hex("0300 0009 02f0 80 2380"));
        NegotiationReply.Disconnected disconnected = assertInstanceOf(NegotiationReply.Disconnected.class, reply);
        assertTrue(disconnected.how().endsWith("reason out of range (7)"), disconnected.how());
    }

    @Test
    void decode_otherMcsPduInsteadOfConfirm_isMalformed() {
        assertThrows(MalformedPduException.class, () -> ConnectionConfirm.decode(hex("0300 0009 02f0 80 6400")));
    }

    @Test
    void decode_encodedSelection_roundTrips() throws Exception {
        NegotiationReply reply = ConnectionConfirm.decode(ConnectionConfirm.encodeSelected(2, 0x09));
        assertEquals(new NegotiationReply.Selected(2, 0x09), reply);
    }

    @Test
    void decode_wrongTpduCode_isMalformed() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> ConnectionConfirm.decode(hex("0300 0013 0ee0 0000 0000 00 02 00 0800 01000000")));
        assertTrue(e.getMessage().contains("0xe0"), e.getMessage());
    }

    @Test
    void decode_lengthIndicatorDisagreesWithTpkt_isMalformed() {
        assertThrows(MalformedPduException.class,
                () -> ConnectionConfirm.decode(hex("0300 0013 0dd0 0000 0000 00 02 00 0800 01000000")));
    }

    @Test
    void decode_negotiationLengthNot8_isMalformed() {
        assertThrows(MalformedPduException.class,
                () -> ConnectionConfirm.decode(hex("0300 0013 0ed0 0000 0000 00 02 00 0900 01000000")));
    }

    @Test
    void decode_truncatedNegotiationData_isMalformed() {
        assertThrows(MalformedPduException.class, () -> ConnectionConfirm.decode(hex("0300 000e 09d0 0000 0000 00 02 00 08")));
    }

    @Test
    void decode_unknownNegotiationType_isMalformed() {
        assertThrows(MalformedPduException.class,
                () -> ConnectionConfirm.decode(hex("0300 0013 0ed0 0000 0000 00 07 00 0800 01000000")));
    }

    @Test
    void decode_tooShort_isMalformed() {
        assertThrows(MalformedPduException.class, () -> ConnectionConfirm.decode(hex("0300 0007 02d0 00")));
    }
}

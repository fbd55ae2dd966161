package rdpcheck.probes.nla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.rdp.MalformedPduException;

class NtlmNegotiateMessageTest {

    @Test
    void encode_standard_isTheMsNlmp2211Layout() {
        byte[] message = NtlmNegotiateMessage.standard().encode();

        assertEquals("4e544c4d53535000" // "NTLMSSP\0"
                + "01000000"             // MessageType NEGOTIATE
                + "058288e2"             // UNICODE|REQUEST_TARGET|NTLM|ALWAYS_SIGN|ESS|TARGET_INFO|VERSION|128|KEY_EXCH|56
                + "0000000000000000"     // DomainNameFields: none
                + "0000000000000000"     // WorkstationFields: none
                + "0a007c4f0000000f",    // VERSION 10.0.20348, NTLM revision 15
                HexFormat.of().formatHex(message));
    }

    @Test
    void flags_nameWhatARealClientAsksFor() {
        assertEquals(java.util.List.of("NTLMSSP_NEGOTIATE_UNICODE", "NTLMSSP_REQUEST_TARGET", "NTLMSSP_NEGOTIATE_NTLM",
                "NTLMSSP_NEGOTIATE_ALWAYS_SIGN", "NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY", "NTLMSSP_NEGOTIATE_TARGET_INFO",
                "NTLMSSP_NEGOTIATE_VERSION", "NTLMSSP_NEGOTIATE_128", "NTLMSSP_NEGOTIATE_KEY_EXCH", "NTLMSSP_NEGOTIATE_56"),
                NegotiateFlag.namesOf(NtlmNegotiateMessage.CLIENT_FLAGS));
        assertEquals(java.util.List.of("NTLMSSP_NEGOTIATE_UNICODE", "0x00000100"), NegotiateFlag.namesOf(0x101));
    }

    @Test
    void decode_roundTripsTheEncoding() throws Exception {
        assertEquals(NtlmNegotiateMessage.standard(), NtlmNegotiateMessage.decode(NtlmNegotiateMessage.standard().encode()));
    }

    @Test
    void decode_truncated_isMalformed() {
        assertThrows(MalformedPduException.class, () -> NtlmNegotiateMessage.decode(new byte[20]));
    }
}

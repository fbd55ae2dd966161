package rdpcheck.probes.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.probes.rdp.MalformedPduException;

class AuthChallengeTest {

    @Test
    void parse_oneFieldPerScheme_asHttpSysSendsThem() throws Exception {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of("Negotiate", "NTLM"));
        assertEquals(List.of("Negotiate", "NTLM"), AuthChallenge.schemes(challenges));
        assertTrue(challenges.get(0).token().isEmpty());
    }

    @Test
    void parse_severalChallengesInOneField_splitAtTheScheme_notAtEachParam() throws Exception {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of(
                "Basic realm=\"gw, corp\", charset=\"UTF-8\", Negotiate, NTLM"));
        assertEquals(List.of("Basic", "Negotiate", "NTLM"), AuthChallenge.schemes(challenges));
        assertEquals(List.of("realm=\"gw, corp\"", "charset=\"UTF-8\""), challenges.get(0).params());
    }

    @Test
    void parse_ntlmToken_isKeptAndDecodes() throws Exception {
        byte[] token = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0, 2, 0, 0, 0};
        String b64 = Base64.getEncoder().encodeToString(token);
        AuthChallenge challenge = AuthChallenge.parse(List.of("NTLM " + b64)).get(0);
        assertTrue(challenge.is("ntlm"));
        assertEquals(Optional.of(b64), challenge.token());
        assertArrayEquals(token, challenge.tokenBytes().orElseThrow());
    }

    @Test
    void tokenBytes_notBase64_isMalformed() throws Exception {
        AuthChallenge challenge = new AuthChallenge("NTLM", Optional.of("a=b=c"), List.of());
        assertThrows(MalformedPduException.class, challenge::tokenBytes);
    }

    @Test
    void parse_paramBeforeAnyScheme_refused() {
        assertThrows(MalformedPduException.class, () -> AuthChallenge.parse(List.of("realm=\"x\"")));
    }

    @Test
    void parse_endlessListOfSchemes_refusedPastTheLimit() {
        String many = String.join(", ", java.util.Collections.nCopies(AuthChallenge.MAX_CHALLENGES + 1, "X"));
        assertThrows(MalformedPduException.class, () -> AuthChallenge.parse(List.of(many)));
    }

    @Test
    void parse_hugeToken_refused() {
        String huge = "NTLM " + "A".repeat(AuthChallenge.MAX_TOKEN_CHARS + 4);
        assertThrows(MalformedPduException.class, () -> AuthChallenge.parse(List.of(huge)));
    }

    @Test
    void parse_emptyField_noChallenge() throws Exception {
        assertEquals(List.of(), AuthChallenge.parse(List.of("", " , ")));
    }
}

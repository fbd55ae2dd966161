package rdpcheck.probes.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorCodesTest {

    @Test
    void explain_0x904_0x7_socketClosedAndServerDenied_withChecks() {
        ErrorCodes.Explanation explanation = ErrorCodes.explain("0x904", Optional.of("0x7")).orElseThrow();
        assertTrue(explanation.known());
        assertEquals(ErrorCodes.Table.DISCONNECT_REASON, explanation.main().table());
        assertEquals("disconnectReasonAtClientWinsockFDCLOSE", explanation.main().entry().orElseThrow().name());
        assertEquals("exDiscReasonServerDeniedConnection", explanation.extended().orElseThrow().entry().orElseThrow().name());
        String text = explanation.text();
        assertTrue(text.startsWith("0x904 (mstsc disconnect reason, disconnectReasonAtClientWinsockFDCLOSE): Socket closed."), text);
        assertTrue(text.contains("rdpcheck check HOST reports rdp.closed"), text);
        assertTrue(text.contains("rdpcheck check HOST reports cert.expired"), text);
        assertTrue(text.contains("0x7 (mstsc extended disconnect reason, exDiscReasonServerDeniedConnection): The server denied the connection."), text);
    }

    @Test
    void explain_0x204_pointsAtTcpChecks() {
        String text = ErrorCodes.explain("0x204", Optional.empty()).orElseThrow().text();
        assertTrue(text.contains("disconnectReasonSocketConnectFailed"));
        assertTrue(text.contains("tcp.refused") && text.contains("tcp.timeout"), text);
    }

    @Test
    void explain_decimalAndUpperCaseHex_sameAsMstscHex() {
        assertEquals(ErrorCodes.explain("0x904", Optional.empty()).orElseThrow().main(),
                ErrorCodes.explain("2308", Optional.empty()).orElseThrow().main());
        assertEquals(ErrorCodes.explain("0x904", Optional.empty()).orElseThrow().main(),
                ErrorCodes.explain("0X904", Optional.empty()).orElseThrow().main());
    }

    @Test
    void extendedInProtocolRange_isTheServersErrorInfo() {
        ErrorCodes.Lookup lookup = ErrorCodes.explain("0x3", Optional.of("0x112f")).orElseThrow().extended().orElseThrow();
        assertEquals(ErrorCodes.Table.ERROR_INFO, lookup.table());
        assertEquals("ERRINFO_GRAPHICS_SUBSYSTEM_FAILED", lookup.entry().orElseThrow().name());
    }

    @Test
    void extendedLicensing_0x101_namesNoLicenseServer() {
        String text = ErrorCodes.explain("0x3", Optional.of("0x101")).orElseThrow().text();
        assertTrue(text.contains("exDiscReasonLicenseNoLicenseServer"));
        assertTrue(text.contains("lsdiag.msc"));
    }

    @Test
    void mainCodeOnlyInErrorInfo_isFoundThere() {
        ErrorCodes.Lookup lookup = ErrorCodes.explain("0x1A", Optional.empty()).orElseThrow().main();
        assertEquals(ErrorCodes.Table.ERROR_INFO, lookup.table());
        assertEquals("ERRINFO_SERVER_REBOOT", lookup.entry().orElseThrow().name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x80090302", "0x80090304", "0x80090308", "0x8009030c", "0x8009030E", "0x80090311",
            "0x80090322", "0x80090324", "0x80090325", "0x80090327", "0x80090328", "0x80090349", "0x80090350",
            "0x8009035E", "0x8009035F"})
    void sspiStatusFromTheAuthenticationErrorDialog_isDocumented_withACheckPerCause(String code) {
        ErrorCodes.Explanation explanation = ErrorCodes.explain(code, Optional.empty()).orElseThrow();
        assertTrue(explanation.known(), code);
        assertEquals(ErrorCodes.Table.SSPI_STATUS, explanation.main().table());
        assertTrue(explanation.main().entry().orElseThrow().name().startsWith("SEC_E_"), explanation.text());
        assertFalse(explanation.main().entry().orElseThrow().causes().isEmpty(), code + " has causes");
        explanation.main().entry().orElseThrow().causes().forEach(cause ->
                assertTrue(cause.check() != null && !cause.check().isBlank(), code + ": " + cause.cause()));
    }

    @Test
    void unknownCode_saysSoPlainly() {
        ErrorCodes.Explanation explanation = ErrorCodes.explain("0x9999", Optional.of("0x4242")).orElseThrow();
        assertFalse(explanation.known());
        assertTrue(explanation.text().startsWith("0x9999 is not a documented mstsc disconnect reason, server error code or security status."),
                explanation.text());
        assertTrue(explanation.text().contains("0x4242 is not a documented extended disconnect reason"), explanation.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0x", "zzz", "0x904g", "-1", "0x1FFFFFFFF", "99999999999", "<!channel>", "0x 904"})
    void unparsable_isEmpty(String code) {
        assertTrue(ErrorCodes.explain(code, Optional.empty()).isEmpty(), code);
        assertTrue(ErrorCodes.explain("0x904", Optional.of(code)).isEmpty(), code);
    }

    @Test
    void tables_areComplete_forTheDocumentedCodes() {
        Set<Long> disconnect = codes(ErrorCodes.Table.DISCONNECT_REASON);
        // Every value of the documented IMsTscAxEvents::OnDisconnected table.
        for (long code : List.of(0x0L, 0x1L, 0x2L, 0x3L, 0x104L, 0x106L, 0x108L, 0x204L, 0x206L, 0x208L, 0x304L, 0x306L,
                0x308L, 0x404L, 0x406L, 0x408L, 0x506L, 0x508L, 0x604L, 0x606L, 0x608L, 0x704L, 0x706L, 0x804L, 0x807L,
                0x808L, 0x904L, 0x906L, 0x908L, 0xA06L, 0xA07L, 0xB06L, 0xB07L, 0xC06L, 0xC07L, 0xC08L, 0xD07L, 0xE07L,
                0xF07L, 0x1207L, 0x1607L, 0x1707L, 0x1807L, 0x1B07L, 0x1C07L, 0x2107L, 0x2207L)) {
            assertTrue(disconnect.contains(code), "disconnect reason " + Long.toHexString(code));
        }
        Set<Long> extended = codes(ErrorCodes.Table.EXTENDED_REASON);
        for (long code = 0; code <= 12; code++) {
            assertTrue(extended.contains(code), "extended " + code);
        }
        for (long code = 0x100; code <= 0x10B; code++) {
            assertTrue(extended.contains(code), "extended " + Long.toHexString(code));
        }
        Set<Long> errorInfo = codes(ErrorCodes.Table.ERROR_INFO);
        for (long code : List.of(0x1L, 0x7L, 0x9L, 0xCL, 0x18L, 0x19L, 0x1AL, 0x100L, 0x10AL, 0x400L, 0x412L, 0x10C9L,
                0x10F8L, 0x1111L, 0x1126L, 0x1129L, 0x112FL, 0x1136L, 0x1191L, 0x1196L)) {
            assertTrue(errorInfo.contains(code), "errorInfo " + Long.toHexString(code));
        }
        assertEquals(22, errorInfo.stream().filter(c -> c >= 0x1111 && c <= 0x1126).count(), "SECURITY_DATA_TOO_SHORT2..23");
    }

    @ParameterizedTest
    @EnumSource(ErrorCodes.Table.class)
    void everyEntry_hasNameMeaning_andEveryCauseACheck(ErrorCodes.Table table) {
        for (ErrorCodes.Entry entry : ErrorCodes.table(table)) {
            assertFalse(entry.name().isBlank(), entry.code());
            assertFalse(entry.meaning().isBlank(), entry.code());
            for (ErrorCodes.Cause cause : entry.causes()) {
                assertFalse(cause.cause().isBlank(), entry.code());
                assertFalse(cause.check().isBlank(), entry.code() + " cause without check");
            }
        }
    }

    @Test
    void causesNamingDiagnoses_nameRealCatalogueIds() {
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("\\b((?:dns|tcp|rdp|security|tls|cert|nla|credssp|latency|probe|policy)\\.[a-z-]+[a-z])");
        for (ErrorCodes.Table table : ErrorCodes.Table.values()) {
            for (ErrorCodes.Entry entry : ErrorCodes.table(table)) {
                for (ErrorCodes.Cause cause : entry.causes()) {
                    java.util.regex.Matcher m = id.matcher(cause.check());
                    while (m.find()) {
                        assertTrue(Catalogue.contains(m.group(1)) || m.group(1).endsWith(".msc") || m.group(1).endsWith(".exe"),
                                entry.code() + " names unknown diagnosis " + m.group(1));
                    }
                }
            }
        }
    }

    private static Set<Long> codes(ErrorCodes.Table table) {
        return ErrorCodes.table(table).stream().map(ErrorCodes.Entry::value).collect(Collectors.toSet());
    }
}

package rdpcheck.probes.nla;

import java.util.Map;
import java.util.Optional;

/**
 * Names of the status codes a CredSSP server puts in TSRequest.errorCode ([MS-ERREF] 2.3, and
 * the SSPI HRESULTs some servers send instead), for the report.
 */
final class NtStatus {

    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0x00000000L, "STATUS_SUCCESS"),
            Map.entry(0xC0000001L, "STATUS_UNSUCCESSFUL"),
            Map.entry(0xC000000DL, "STATUS_INVALID_PARAMETER"),
            Map.entry(0xC0000022L, "STATUS_ACCESS_DENIED"),
            Map.entry(0xC000005EL, "STATUS_NO_LOGON_SERVERS"),
            Map.entry(0xC0000064L, "STATUS_NO_SUCH_USER"),
            Map.entry(0xC000006AL, "STATUS_WRONG_PASSWORD"),
            Map.entry(0xC000006DL, "STATUS_LOGON_FAILURE"),
            Map.entry(0xC000006EL, "STATUS_ACCOUNT_RESTRICTION"),
            Map.entry(0xC000006FL, "STATUS_INVALID_LOGON_HOURS"),
            Map.entry(0xC0000070L, "STATUS_INVALID_WORKSTATION"),
            Map.entry(0xC0000071L, "STATUS_PASSWORD_EXPIRED"),
            Map.entry(0xC0000072L, "STATUS_ACCOUNT_DISABLED"),
            Map.entry(0xC00000BBL, "STATUS_NOT_SUPPORTED"),
            Map.entry(0xC0000133L, "STATUS_TIME_DIFFERENCE_AT_DC"),
            Map.entry(0xC000015BL, "STATUS_LOGON_TYPE_NOT_GRANTED"),
            Map.entry(0xC0000193L, "STATUS_ACCOUNT_EXPIRED"),
            Map.entry(0xC0000224L, "STATUS_PASSWORD_MUST_CHANGE"),
            Map.entry(0xC0000234L, "STATUS_ACCOUNT_LOCKED_OUT"),
            Map.entry(0xC0000388L, "STATUS_DOWNGRADE_DETECTED"),
            Map.entry(0xC0000413L, "STATUS_AUTHENTICATION_FIREWALL_FAILED"),
            Map.entry(0x80090302L, "SEC_E_UNSUPPORTED_FUNCTION"),
            Map.entry(0x80090308L, "SEC_E_INVALID_TOKEN"),
            Map.entry(0x8009030CL, "SEC_E_LOGON_DENIED"),
            Map.entry(0x80090311L, "SEC_E_NO_AUTHENTICATING_AUTHORITY"),
            Map.entry(0x80090324L, "SEC_E_TIME_SKEW"));

    private NtStatus() {
    }

    public static Optional<String> name(long code) {
        return Optional.ofNullable(NAMES.get(code & 0xffffffffL));
    }

    /** "STATUS_LOGON_FAILURE (0xc000006d)", or just the hex for codes not in the table. */
    public static String describe(long code) {
        String hex = String.format("0x%08x", code & 0xffffffffL);
        return name(code).map(n -> n + " (" + hex + ")").orElse(hex);
    }
}

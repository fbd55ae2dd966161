package rdpcheck.probes.rdp;

import java.util.Optional;

/** RDP_NEG_FAILURE.failureCode (MS-RDPBCGR 2.2.1.2.2). */
public enum FailureCode {
    SSL_REQUIRED_BY_SERVER(0x01, "the server requires TLS (Enhanced RDP Security)"),
    SSL_NOT_ALLOWED_BY_SERVER(0x02, "the server allows only Standard RDP Security, not TLS"),
    SSL_CERT_NOT_ON_SERVER(0x03, "the server has no certificate to do TLS with"),
    INCONSISTENT_FLAGS(0x04, "the server found the requested protocol flags inconsistent"),
    HYBRID_REQUIRED_BY_SERVER(0x05, "the server requires CredSSP (Network Level Authentication)"),
    SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER(0x06, "the server requires TLS with user authentication (RDSTLS)");

    private final int code;
    private final String meaning;

    FailureCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<FailureCode> of(int code) {
        for (FailureCode value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}

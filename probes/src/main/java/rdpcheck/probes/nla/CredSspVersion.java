package rdpcheck.probes.nla;

/**
 * What the version in a server's TSRequest proves about the CVE-2018-0886 fix (March 2018).
 * MS-CSSP 2.2.1: versions 5 and 6 add clientNonce, which binds the public-key hash of the TLS
 * channel to a fresh nonce (the change that closes the encryption oracle); versions 2 to 4 have
 * no nonce. A server answers with the highest version it implements up to the client's, so to
 * our version 6 an updated server says 5 or 6 and an unpatched one 2, 3 or 4. Nothing more
 * follows: not the rest of its patch level, nor its AllowEncryptionOracle policy.
 */
enum CredSspVersion {
    /** 5 or 6: the server implements the nonce-bound protocol of the CVE-2018-0886 update. */
    NONCE_BINDING,
    /** 2, 3 or 4 to a client offering 6: the server predates the CVE-2018-0886 update. */
    BEFORE_2018_UPDATE,
    /** A version MS-CSSP does not define (below 2, above 6): nothing can be said. */
    UNDEFINED;

    public static final int FIRST_WITH_CLIENT_NONCE = 5;

    public static CredSspVersion of(int serverVersion) {
        if (serverVersion >= FIRST_WITH_CLIENT_NONCE && serverVersion <= TsRequest.CURRENT_VERSION) {
            return NONCE_BINDING;
        }
        if (serverVersion >= 2 && serverVersion < FIRST_WITH_CLIENT_NONCE) {
            return BEFORE_2018_UPDATE;
        }
        return UNDEFINED;
    }

    public String explain(int serverVersion) {
        return switch (this) {
            case NONCE_BINDING -> "CredSSP version " + serverVersion
                    + ": the server has the CVE-2018-0886 (March 2018) CredSSP update (versions 5 and 6 bind the key hash to a client nonce)";
            case BEFORE_2018_UPDATE -> "CredSSP version " + serverVersion
                    + " in reply to version 6: the server lacks the CVE-2018-0886 (March 2018) CredSSP update; updated clients"
                    + " refuse it with \"CredSSP encryption oracle remediation\" unless AllowEncryptionOracle is weakened";
            case UNDEFINED -> "CredSSP version " + serverVersion + " is not one MS-CSSP defines (2 to 6)";
        };
    }
}

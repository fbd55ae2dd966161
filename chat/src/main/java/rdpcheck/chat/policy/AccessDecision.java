package rdpcheck.chat.policy;

/**
 * Whether a user may run checks where they asked.
 *
 * @param allowed whether they may
 * @param code    a stable short code for the audit log, e.g. {@code access.channel}; {@code ok} when allowed
 * @param reason  one sentence for the private answer; empty when allowed
 */
public record AccessDecision(boolean allowed, String code, String reason) {

    public static final AccessDecision ALLOWED = new AccessDecision(true, "ok", "");

    /** @param code e.g. {@code access.channel} @param reason one sentence for the user */
    public static AccessDecision refused(String code, String reason) {
        return new AccessDecision(false, code, reason);
    }
}

package rdpcheck.chat.policy;

import java.util.Set;

import rdpcheck.chat.Requester;

/**
 * Who may run checks from one chat platform: that platform's own allowlists (e.g.
 * {@code access.slack.*}), supplied by its {@link rdpcheck.chat.ChatPlatform}. Local requests
 * (terminal, console) are not judged by a rule.
 */
@FunctionalInterface
public interface AccessRule {

    /** No allowlist: everyone who can reach the bot. */
    AccessRule ANYONE = (requester, groups) -> AccessDecision.ALLOWED;

    /**
     * @param groups the user groups or roles the platform's adapter saw the user hold
     */
    AccessDecision decide(Requester requester, Set<String> groups);

    /** True when {@code allowed} is empty (no restriction) or holds {@code id}. */
    static boolean permits(java.util.List<String> allowed, String id) {
        return allowed.isEmpty() || allowed.contains(id);
    }
}

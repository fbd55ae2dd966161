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

    /**
     * Who may add and remove watches ({@code /rdpcheck watch}, {@code unwatch}), asked after
     * {@link #decide} allowed the request: by default whoever may run checks; a platform with a
     * list of its own (e.g. {@code access.slack.watchers}) narrows it.
     */
    default AccessDecision decideWatch(Requester requester, Set<String> groups) {
        return AccessDecision.ALLOWED;
    }

    /** True when {@code allowed} is empty (no restriction) or holds {@code id}. */
    static boolean permits(java.util.List<String> allowed, String id) {
        return allowed.isEmpty() || allowed.contains(id);
    }
}

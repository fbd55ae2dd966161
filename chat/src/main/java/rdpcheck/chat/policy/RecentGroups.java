package rdpcheck.chat.policy;

import java.time.Duration;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import rdpcheck.chat.Requester;

/**
 * Groups (Discord roles, Slack user groups) an adapter saw with a user's latest event: call
 * {@link #remember} before handing the event to the router, which asks {@link #groupsOf}.
 * Bounded and short-lived, so a revoked role stops counting within minutes.
 */
public final class RecentGroups implements GroupResolver {

    private final Cache<String, Set<String>> groups = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();

    public void remember(Requester requester, Set<String> ids) {
        groups.put(key(requester), Set.copyOf(ids));
    }

    @Override
    public Set<String> groupsOf(Requester requester) {
        Set<String> found = groups.getIfPresent(key(requester));
        return found == null ? Set.of() : found;
    }

    private static String key(Requester requester) {
        return requester.platform() + "\u0000" + requester.workspace() + "\u0000" + requester.user();
    }
}

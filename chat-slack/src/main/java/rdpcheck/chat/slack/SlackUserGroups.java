package rdpcheck.chat.slack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import rdpcheck.chat.Requester;
import rdpcheck.config.Secret;
import rdpcheck.chat.policy.GroupResolver;

/**
 * The Slack user groups of {@code access.slack.user_groups} a requester belongs to. A slash
 * command does not say which groups its user is in, so the members of each configured group are
 * fetched with {@code usergroups.users.list} (scope {@code usergroups:read}) in the background and
 * looked up from memory: the policy answers on Slack's event thread and must not wait on the
 * network. Until the first fetch succeeds nobody is a member (the policy fails closed).
 */
public final class SlackUserGroups implements GroupResolver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackUserGroups.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack rate-limits usergroups.users.list at Tier 2 (about 20 a minute); five minutes stays far below. */
    public static final Duration REFRESH = Duration.ofMinutes(5);

    private final URI apiBase;
    private final Secret token;
    private final List<String> groups;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rdpcheck-slack-usergroups");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, Set<String>> groupsByUser = Map.of();

    /**
     * @param apiBase {@code slack.api_url}, e.g. {@code https://slack.com/api/}
     * @param token   the bot token
     * @param groups  {@code access.slack.user_groups}
     */
    public SlackUserGroups(URI apiBase, Secret token, List<String> groups) {
        this.apiBase = apiBase.toString().endsWith("/") ? apiBase : URI.create(apiBase + "/");
        this.token = token;
        this.groups = List.copyOf(groups);
    }

    /** Fetches now and then every {@link #REFRESH}, in the background. */
    public SlackUserGroups start() {
        if (!groups.isEmpty()) {
            refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH.toSeconds(), TimeUnit.SECONDS);
        }
        return this;
    }

    @Override
    public Set<String> groupsOf(Requester requester) {
        return groupsByUser.getOrDefault(requester.user(), Set.of());
    }

    /** One fetch of every group's members; a group that fails keeps its previous members. */
    public void refresh() throws IOException, InterruptedException {
        Map<String, Set<String>> previous = groupsByUser;
        Map<String, Set<String>> next = new HashMap<>();
        IOException failure = null;
        for (String group : groups) {
            Set<String> members;
            try {
                members = members(group);
            } catch (IOException e) {
                failure = e;
                members = new HashSet<>();
                for (Map.Entry<String, Set<String>> entry : previous.entrySet()) {
                    if (entry.getValue().contains(group)) {
                        members.add(entry.getKey());
                    }
                }
            }
            for (String user : members) {
                next.computeIfAbsent(user, u -> new HashSet<>()).add(group);
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        next.forEach((user, set) -> frozen.put(user, Set.copyOf(set)));
        groupsByUser = Map.copyOf(frozen);
        if (failure != null) {
            throw failure;
        }
    }

    private Set<String> members(String group) throws IOException, InterruptedException {
        URI uri = apiBase.resolve("usergroups.users.list?usergroup=" + URLEncoder.encode(group, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token.reveal())
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("usergroups.users.list for " + group + ": HTTP " + response.statusCode());
        }
        JsonNode body = JSON.readTree(response.body());
        if (!body.path("ok").asBoolean(false)) {
            // e.g. missing_scope (add usergroups:read), no_such_subteam (a wrong id in access.slack.user_groups)
            throw new IOException("usergroups.users.list for " + group + ": " + body.path("error").asText("not ok"));
        }
        Set<String> members = new HashSet<>();
        body.path("users").forEach(user -> members.add(user.asText()));
        return members;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (IOException e) {
            LOG.warn("could not read Slack user-group members (access.slack.user_groups): {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("reading Slack user-group members failed", e);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}

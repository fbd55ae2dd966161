package rdpcheck.chat.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import rdpcheck.chat.Requester;
import rdpcheck.config.Secret;
import rdpcheck.chat.policy.AuditLog;
import rdpcheck.chat.policy.ChatPolicy;
import rdpcheck.chat.policy.Platform;
import rdpcheck.chat.policy.RequestGateTest;

/** Against a local stand-in for Slack's usergroups.users.list. */
class SlackUserGroupsTest {

    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, String> auth = new ConcurrentHashMap<>();
    private final HttpServer server;

    SlackUserGroupsTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/usergroups.users.list", exchange -> {
            String group = exchange.getRequestURI().getQuery().replace("usergroup=", "");
            auth.put(group, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = answers.getOrDefault(group, "{\"ok\":false,\"error\":\"no_such_subteam\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
    }

    @Test
    void refresh_membersOfConfiguredGroups_areResolvedFromMemory() throws Exception {
        answers.put("SOPS", "{\"ok\":true,\"users\":[\"U1\",\"U2\"]}");
        answers.put("SDBA", "{\"ok\":true,\"users\":[\"U2\"]}");
        try (SlackUserGroups groups = new SlackUserGroups(api(), Secret.of("xoxb-test-token", "test"), List.of("SOPS", "SDBA"))) {
            assertEquals(Set.of(), groups.groupsOf(new Requester("slack", "T", "C", "U1")), "nothing before the first fetch");
            groups.refresh();
            assertEquals(Set.of("SOPS"), groups.groupsOf(new Requester("slack", "T", "C", "U1")));
            assertEquals(Set.of("SOPS", "SDBA"), groups.groupsOf(new Requester("slack", "T", "C", "U2")));
            assertEquals(Set.of(), groups.groupsOf(new Requester("slack", "T", "C", "U3")));
            assertEquals("Bearer xoxb-test-token", auth.get("SOPS"));
        }
    }

    @Test
    void refresh_failingGroup_keepsItsPreviousMembers_andSaysWhy() throws Exception {
        answers.put("SOPS", "{\"ok\":true,\"users\":[\"U1\"]}");
        try (SlackUserGroups groups = new SlackUserGroups(api(), Secret.of("xoxb-t", "test"), List.of("SOPS"))) {
            groups.refresh();
            answers.put("SOPS", "{\"ok\":false,\"error\":\"missing_scope\"}");
            IOException e = assertThrows(IOException.class, groups::refresh);
            assertEquals("usergroups.users.list for SOPS: missing_scope", e.getMessage());
            assertEquals(Set.of("SOPS"), groups.groupsOf(new Requester("slack", "T", "C", "U1")));
        }
    }

    @Test
    void accessPolicy_withResolvedGroup_letsMemberIn() throws Exception {
        answers.put("SOPS", "{\"ok\":true,\"users\":[\"U7\"]}");
        try (SlackUserGroups groups = new SlackUserGroups(api(), Secret.of("xoxb-t", "test"), List.of("SOPS"))) {
            groups.refresh();
            rdpcheck.config.Settings settings = RequestGateTest.settings(Map.of("RDPCHECK_ACCESS_SLACK_USER_GROUPS", "SOPS"));
            ChatPolicy policy = ChatPolicy.create(settings, Platform.chat("slack"), new SlackPlatform().access(settings),
                    AuditLog.discard(), groups);
            assertEquals(java.util.Optional.empty(), policy.refusal(new Requester("slack", "T", "C", "U7"),
                    rdpcheck.chat.ChatCommand.parse("rdp01.corp")));
            assertEquals(true, policy.refusal(new Requester("slack", "T", "C", "U8"),
                    rdpcheck.chat.ChatCommand.parse("rdp01.corp")).isPresent());
        }
    }
}

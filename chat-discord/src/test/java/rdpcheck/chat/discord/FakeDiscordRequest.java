package rdpcheck.chat.discord;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One REST call the fake received.
 *
 * @param method        HTTP method
 * @param path          path below the API base, e.g. {@code webhooks/1/tok/messages/@original}
 * @param query         raw query string, empty when none
 * @param body          the JSON body (for multipart requests: the {@code payload_json} part); empty object when none
 * @param files         attached files of a multipart request, by file name (UTF-8 text)
 * @param receivedNanos {@link System#nanoTime()} at arrival, for timing assertions
 */
record FakeDiscordRequest(String method, String path, String query, JsonNode body, Map<String, String> files,
                          long receivedNanos) {

    boolean is(String method, String pathRegex) {
        return this.method.equals(method) && path.matches(pathRegex);
    }

    /** True for the calls that post or edit a message, which must all carry {@code allowed_mentions}. */
    boolean carriesMessage() {
        if (is("POST", "interactions/\\d+/[^/]+/callback")) {
            return body.has("data") && body.path("type").asInt() != 5 && body.path("type").asInt() != 6;
        }
        return is("PATCH", "webhooks/\\d+/[^/]+/messages/[^/]+")
                || is("POST", "webhooks/\\d+/[^/]+")
                || is("POST", "channels/\\d+/messages")
                || is("PATCH", "channels/\\d+/messages/\\d+");
    }

    /** The message fields of a call that carries one: the body, or {@code data} of an interaction callback. */
    JsonNode message() {
        return path.endsWith("/callback") ? body.path("data") : body;
    }
}

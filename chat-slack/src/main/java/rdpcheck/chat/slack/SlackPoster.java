package rdpcheck.chat.slack;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import rdpcheck.chat.slack.SlackMessage;

/**
 * The Web API calls the bot makes, with Slack's rate limit honoured: a 429 is retried after the
 * {@code Retry-After} it names (Slack allows about one message per second per channel).
 */
final class SlackPoster {

    private static final Logger LOG = LoggerFactory.getLogger(SlackPoster.class);
    static final int MAX_ATTEMPTS = 5;
    static final long MAX_RETRY_AFTER_SECONDS = 60;

    /** A Web API call's result: the message ts, or Slack's error code (e.g. {@code not_in_channel}). */
    record Posted(Optional<String> ts, Optional<String> error) {
        boolean ok() {
            return error.isEmpty();
        }
    }

    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException, SlackApiException;
    }

    private final Slack slack;
    private final MethodsClient methods;
    private final Counter posts;
    private final Counter rateLimited;

    SlackPoster(Slack slack, String botToken, MeterRegistry meters) {
        this.slack = slack;
        this.methods = slack.methods(botToken);
        this.posts = Counter.builder("rdpcheck.slack.posts").description("messages posted to Slack").register(meters);
        this.rateLimited = Counter.builder("rdpcheck.slack.rate_limited")
                .description("Slack Web API calls answered 429 and retried after Retry-After").register(meters);
    }

    /** chat.postMessage; {@code threadTs} empty for a channel message. Mentions and links stay inert. */
    Posted post(String channel, SlackMessage message, Optional<String> threadTs) throws InterruptedException {
        try {
            ChatPostMessageResponse response = withRetry(() -> methods.chatPostMessage(r -> r
                    .channel(channel)
                    .text(message.text())
                    .blocks(message.blocks())
                    .threadTs(threadTs.orElse(null))
                    .linkNames(false)
                    .parse("none")
                    .mrkdwn(true)
                    .unfurlLinks(false)
                    .unfurlMedia(false)));
            posts.increment();
            return response.isOk() ? new Posted(Optional.ofNullable(response.getTs()), Optional.empty())
                    : new Posted(Optional.empty(), Optional.of(String.valueOf(response.getError())));
        } catch (IOException | SlackApiException e) {
            LOG.warn("chat.postMessage to {} failed: {}", channel, e.toString());
            return new Posted(Optional.empty(), Optional.of("request_failed"));
        }
    }

    /** chat.postEphemeral: only {@code user} sees it. */
    Posted ephemeral(String channel, String user, SlackMessage message) throws InterruptedException {
        try {
            var response = withRetry(() -> methods.chatPostEphemeral(r -> r
                    .channel(channel).user(user).text(message.text()).blocks(message.blocks()).linkNames(false).parse("none")));
            return response.isOk() ? new Posted(Optional.ofNullable(response.getMessageTs()), Optional.empty())
                    : new Posted(Optional.empty(), Optional.of(String.valueOf(response.getError())));
        } catch (IOException | SlackApiException e) {
            LOG.warn("chat.postEphemeral to {} failed: {}", channel, e.toString());
            return new Posted(Optional.empty(), Optional.of("request_failed"));
        }
    }

    /**
     * A file in a channel or thread, Slack's way since files.upload retired: files.getUploadURLExternal
     * names an upload URL, the bytes go there in one POST, files.completeUploadExternal shares the
     * file (needs the {@code files:write} scope).
     */
    Posted upload(String channel, Optional<String> threadTs, String filename, String title, byte[] content)
            throws InterruptedException {
        try {
            var url = withRetry(() -> methods.filesGetUploadURLExternal(r -> r.filename(filename).length(content.length)));
            if (!url.isOk()) {
                return new Posted(Optional.empty(), Optional.of(String.valueOf(url.getError())));
            }
            okhttp3.Request request = new okhttp3.Request.Builder().url(url.getUploadUrl())
                    .post(okhttp3.RequestBody.create(content, okhttp3.MediaType.parse("application/octet-stream"))).build();
            try (okhttp3.Response response = slack.getHttpClient().getOkHttpClient().newCall(request).execute()) {
                if (response.code() / 100 != 2) {
                    return new Posted(Optional.empty(), Optional.of("upload_failed_" + response.code()));
                }
            }
            var done = withRetry(() -> methods.filesCompleteUploadExternal(r -> r
                    .files(List.of(FilesCompleteUploadExternalRequest.FileDetails.builder().id(url.getFileId()).title(title).build()))
                    .channelId(channel)
                    .threadTs(threadTs.orElse(null))));
            return done.isOk() ? new Posted(Optional.of(url.getFileId()), Optional.empty())
                    : new Posted(Optional.empty(), Optional.of(String.valueOf(done.getError())));
        } catch (IOException | SlackApiException e) {
            LOG.warn("file upload to {} failed: {}", channel, e.toString());
            return new Posted(Optional.empty(), Optional.of("request_failed"));
        }
    }

    /**
     * Posts to a command's response_url (valid 30 minutes, 5 uses): the way to answer in a channel
     * the bot is not a member of.
     */
    boolean respond(String responseUrl, SlackMessage message, boolean inChannel) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response_type", inChannel ? "in_channel" : "ephemeral");
        body.put("replace_original", false);
        body.put("text", message.text());
        body.put("blocks", message.blocks());
        try {
            int code = withRetry(() -> {
                try (okhttp3.Response response = slack.getHttpClient().postJsonBody(responseUrl, body)) {
                    if (response.code() == 429) {
                        throw new SlackApiException(response, "");
                    }
                    return response.code();
                }
            });
            return code / 100 == 2;
        } catch (IOException | SlackApiException e) {
            LOG.warn("posting to the response_url failed: {}", e.toString());
            return false;
        }
    }

    private <T> T withRetry(Call<T> call) throws IOException, SlackApiException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (SlackApiException e) {
                if (e.getResponse() == null || e.getResponse().code() != 429 || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                long seconds = retryAfterSeconds(e.getResponse().header("Retry-After"));
                rateLimited.increment();
                LOG.info("Slack rate limit: retrying in {} s (attempt {} of {})", seconds, attempt + 1, MAX_ATTEMPTS);
                Thread.sleep(seconds * 1000);
            }
        }
    }

    static long retryAfterSeconds(String header) {
        if (header == null) {
            return 1;
        }
        try {
            return Math.max(0, Math.min(MAX_RETRY_AFTER_SECONDS, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}

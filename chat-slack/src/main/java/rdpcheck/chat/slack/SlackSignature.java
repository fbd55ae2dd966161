package rdpcheck.chat.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Slack's request signing (v0): {@code HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)}, the
 * timestamp within five minutes of our clock either way, and each signature accepted once. Checked
 * on the raw bytes before anything parses the body, so unsigned input reaches no parser or log.
 */
final class SlackSignature {

    /** Slack's own tolerance; a request signed further from now either way is refused. */
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final String VERSION = "v0";
    /** Replays within the window are what the cache must remember; beyond it the timestamp refuses them. */
    private static final long MAX_REMEMBERED = 100_000;

    /** Why a request was refused: also the metric's tag, a closed set (never text from the request). */
    enum Refusal { MISSING, MALFORMED, STALE, FUTURE, WRONG, REPLAY }

    private final byte[] secret;
    private final Clock clock;
    private final Cache<String, Boolean> seen;

    SlackSignature(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.seen = Caffeine.newBuilder().expireAfterWrite(WINDOW.multipliedBy(2)).maximumSize(MAX_REMEMBERED).build();
    }

    /** Empty when the request is Slack's and new; the signature is remembered then. */
    Optional<Refusal> check(String timestampHeader, String signatureHeader, byte[] body) {
        if (timestampHeader == null || signatureHeader == null) {
            return Optional.of(Refusal.MISSING);
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return Optional.of(Refusal.MALFORMED);
        }
        long now = clock.instant().getEpochSecond();
        if (timestamp < now - WINDOW.toSeconds()) {
            return Optional.of(Refusal.STALE);
        }
        if (timestamp > now + WINDOW.toSeconds()) {
            return Optional.of(Refusal.FUTURE);
        }
        byte[] expected = (VERSION + "=" + HexFormat.of().formatHex(mac(timestampHeader.trim(), body)))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(Refusal.WRONG);
        }
        if (seen.asMap().putIfAbsent(new String(expected, StandardCharsets.US_ASCII), Boolean.TRUE) != null) {
            return Optional.of(Refusal.REPLAY);
        }
        return Optional.empty();
    }

    private byte[] mac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

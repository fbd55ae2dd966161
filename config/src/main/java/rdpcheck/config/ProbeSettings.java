package rdpcheck.config;

import java.time.Duration;

/** How one check runs; mapped onto the probes' {@code ProbeOptions} by the bot. */
public record ProbeSettings(Duration deadline, Duration connectTimeout, Duration readTimeout, int tcpSamples,
                            int maxReplyBytes, int maxConnectionsPerHost) {
}

package rdpcheck.probes.tls;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How far the server went when the tls probe's first connection carried on as an RDP client after
 * a TLS-only handshake (see {@link AfterSslHandshake}).
 *
 * @param version          the TLS version of the handshake the conversation ran in
 * @param selectedProtocol what the server's RDP_NEG_RSP selected on that connection
 * @param completed        the server's answers, in order, as the report names them
 * @param stoppedAt        the answer that did not come, when one did not
 * @param how              what the server did instead (silent for N ms, closed, sent something else)
 * @param stalled          the server went quiet (no answer within the read timeout): the session hang
 * @param facts            what the answers said, as words (RDP version, channels, user id)
 * @param millis           the conversation's own time, handshake excluded
 */
public record SessionAnswer(TlsVersion version, int selectedProtocol, List<String> completed, Optional<String> stoppedAt,
                            Optional<String> how, boolean stalled, List<String> facts, double millis) {

    public SessionAnswer {
        Objects.requireNonNull(version, "version");
        completed = List.copyOf(completed);
        facts = List.copyOf(facts);
        Objects.requireNonNull(stoppedAt, "stoppedAt");
        Objects.requireNonNull(how, "how");
    }
}

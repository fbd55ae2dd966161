package rdpcheck.checks.watch;

import java.util.Map;

import org.slf4j.LoggerFactory;

/**
 * Where a watch's alerts and notices go: one chat platform's channels (Slack, Discord) or the
 * console. Called on a watch thread; may block on the network, must not throw.
 */
public interface AlertSink {

    /** Whether this sink can post to {@code channel}: the runner runs only the watches some sink can tell. */
    boolean accepts(WatchChannel channel);

    /** Posts the alert: the events, then the report as a check's answer is posted (verdict, thread, buttons). */
    void alert(Alert alert);

    /** Posts one line to {@code channel} (a watch paused or resumed). Plain text with `code` spans. */
    void notice(WatchChannel channel, String text);

    /** Each channel to the sink of its platform ({@code slack}, {@code discord}, {@code console}). */
    static AlertSink byPlatform(Map<String, AlertSink> sinks) {
        Map<String, AlertSink> copy = Map.copyOf(sinks);
        return new AlertSink() {
            @Override
            public boolean accepts(WatchChannel channel) {
                AlertSink sink = copy.get(channel.platform());
                return sink != null && sink.accepts(channel);
            }

            @Override
            public void alert(Alert alert) {
                AlertSink sink = copy.get(alert.watch().channel().platform());
                if (sink != null) {
                    sink.alert(alert);
                } else {
                    LoggerFactory.getLogger(AlertSink.class).warn("no {} connection to post the alert of watch {} to",
                            alert.watch().channel().platform(), alert.watch().id());
                }
            }

            @Override
            public void notice(WatchChannel channel, String text) {
                AlertSink sink = copy.get(channel.platform());
                if (sink != null) {
                    sink.notice(channel, text);
                }
            }
        };
    }
}

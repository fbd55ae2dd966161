package rdpcheck.chat.slack;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import rdpcheck.checks.watch.Alert;
import rdpcheck.checks.watch.AlertSink;
import rdpcheck.checks.watch.WatchChannel;

/**
 * A watch's alerts in a Slack channel: the events above the verdict and the host's facts (with the
 * usual buttons) as the channel message, the fix steps and details in its thread, as an answer is
 * posted. Slack's rate limits are waited out by the poster.
 */
final class SlackAlerts implements AlertSink {

    private static final Logger LOG = LoggerFactory.getLogger(SlackAlerts.class);

    private final SlackPoster poster;
    private final SlackRenderer renderer;

    SlackAlerts(SlackPoster poster, SlackRenderer renderer) {
        this.poster = poster;
        this.renderer = renderer;
    }

    @Override
    public boolean accepts(WatchChannel channel) {
        return channel.platform().equals("slack");
    }

    @Override
    public void alert(Alert alert) {
        String channel = alert.watch().channel().id();
        try {
            SlackPoster.Posted parent = poster.post(channel, renderer.alert(alert), Optional.empty());
            if (!parent.ok() || parent.ts().isEmpty()) {
                LOG.warn("posting the alert of watch {} to {} failed: {}", alert.watch().id(), channel,
                        parent.error().orElse("no ts"));
                return;
            }
            for (SlackMessage reply : renderer.thread(alert.answer())) {
                if (!poster.post(channel, reply, parent.ts()).ok()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("posting the alert of watch {} to {} failed", alert.watch().id(), channel, e);
        }
    }

    @Override
    public void notice(WatchChannel channel, String text) {
        try {
            poster.post(channel.id(), renderer.notice(text), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("posting a watch notice to {} failed", channel, e);
        }
    }
}

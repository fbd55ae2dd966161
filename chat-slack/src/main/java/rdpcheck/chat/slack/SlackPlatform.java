package rdpcheck.chat.slack;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import rdpcheck.chat.ChatPlatform;
import rdpcheck.chat.Platform;
import rdpcheck.chat.policy.AccessRule;
import rdpcheck.config.ConfigKeys;
import rdpcheck.config.InvalidSetting;
import rdpcheck.config.Key;
import rdpcheck.config.SectionValues;
import rdpcheck.config.Settings;

/**
 * Slack as rdpcheck finds it (META-INF/services/rdpcheck.config.SettingsSection): its settings
 * section ({@link SlackSettings}, {@link SlackAccess}) and, once configured, the platform
 * {@code serve} starts.
 */
public final class SlackPlatform implements ChatPlatform {

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public List<Key> keys() {
        List<Key> keys = new ArrayList<>(SlackSettings.KEYS);
        keys.addAll(SlackAccess.KEYS);
        return keys;
    }

    @Override
    public List<ConfigKeys.SecretKey> secrets() {
        return SlackSettings.SECRETS;
    }

    /** Slack is set up completely or not at all: a token without the others is a configuration error. */
    @Override
    public void check(SectionValues values) throws InvalidSetting {
        if (SlackSettings.configured(values)) {
            SlackSettings.from(values);
        }
    }

    @Override
    public boolean configured(Settings settings) {
        return SlackSettings.configured(settings.sections());
    }

    @Override
    public String howToConfigure() {
        return SlackSettings.BOT_TOKEN.envVar() + " and " + SlackSettings.APP_TOKEN.envVar() + " for Slack";
    }

    @Override
    public AccessRule access(Settings settings) {
        return SlackAccess.from(settings.sections());
    }

    @Override
    public Platform create(Settings settings, Services services) {
        SlackSettings slack = SlackSettings.from(settings.sections());
        // access.slack.user_groups: a slash command does not carry the user's groups; fetched in the background
        SlackUserGroups groups = new SlackUserGroups(URI.create(slack.apiUrl()),
                settings.sections().secret(SlackSettings.BOT_TOKEN).orElseThrow(),
                SlackAccess.from(settings.sections()).userGroups()).start();
        return new SlackBot(slack, services.router(groups), services.meters())
                .connectWith(services.backoff(), services.onRefused());
    }
}

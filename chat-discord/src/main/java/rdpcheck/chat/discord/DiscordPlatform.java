package rdpcheck.chat.discord;

import java.util.ArrayList;
import java.util.List;

import rdpcheck.chat.ChatPlatform;
import rdpcheck.chat.Platform;
import rdpcheck.chat.policy.AccessRule;
import rdpcheck.chat.policy.RecentGroups;
import rdpcheck.config.ConfigKeys;
import rdpcheck.config.InvalidSetting;
import rdpcheck.config.Key;
import rdpcheck.config.SectionValues;
import rdpcheck.config.Settings;

/**
 * Discord as rdpcheck finds it (META-INF/services/rdpcheck.config.SettingsSection): its settings
 * section ({@link DiscordSettings}, {@link DiscordAccess}) and, once its token is set, the platform
 * {@code serve} starts.
 */
public final class DiscordPlatform implements ChatPlatform {

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public List<Key> keys() {
        List<Key> keys = new ArrayList<>(DiscordSettings.KEYS);
        keys.addAll(DiscordAccess.KEYS);
        return keys;
    }

    @Override
    public List<ConfigKeys.SecretKey> secrets() {
        return List.of(DiscordSettings.TOKEN);
    }

    @Override
    public void check(SectionValues values) throws InvalidSetting {
        if (values.secret(DiscordSettings.TOKEN).isPresent()) {
            DiscordSettings.from(values);
        }
    }

    @Override
    public boolean configured(Settings settings) {
        return settings.sections().secret(DiscordSettings.TOKEN).isPresent();
    }

    @Override
    public String howToConfigure() {
        return DiscordSettings.TOKEN.envVar() + " for Discord";
    }

    @Override
    public AccessRule access(Settings settings) {
        return DiscordAccess.from(settings.sections());
    }

    @Override
    public Platform create(Settings settings, Services services) {
        // the member's roles come with each interaction: the handlers remember them for the access rule
        RecentGroups roles = new RecentGroups();
        return new DiscordBot(DiscordSettings.from(settings.sections()), services.router(roles), roles)
                .connectWith(services.backoff(), services.onRefused());
    }
}

package rdpcheck.config;

import java.util.List;
import java.util.Set;

/**
 * A chat platform's settings section as the config module's tests see one (the real platforms are
 * other modules): found through this module's test service file, as a new platform would be.
 */
public final class TeamsSection implements SettingsSection {

    enum Mode { SOCKET, HTTP }

    static final Key MODE = Key.of("teams.mode", ValueType.choice(Mode.class), "socket", "socket or http");
    static final Key HTTP_PORT = Key.of("teams.http_port", ValueType.integer(1, 65_535), "3000", "port in http mode");
    static final Key HTTP_BIND = Key.of("teams.http_bind", ValueType.address(), "0.0.0.0", "address in http mode");
    static final Key API_URL = Key.of("teams.api_url", ValueType.url(Set.of("https", "http")), "https://teams.example/api/",
            "API base URL");
    static final Key BOT_TOKEN_FILE = Key.of("teams.bot_token_file", ValueType.path(), "", "file holding the bot token");
    static final Key APP_TOKEN_FILE = Key.of("teams.app_token_file", ValueType.path(), "", "file holding the app token");
    static final Key SIGNING_SECRET_FILE = Key.of("teams.signing_secret_file", ValueType.path(), "", "file holding the secret");
    static final Key CHANNELS = Key.of("access.teams.channels", ValueType.ids(), "[]", "channels allowed");
    static final Key USER_GROUPS = Key.of("access.teams.user_groups", ValueType.ids(), "[]", "groups allowed");

    static final ConfigKeys.SecretKey BOT_TOKEN = new ConfigKeys.SecretKey("teams.bot_token", BOT_TOKEN_FILE);
    static final ConfigKeys.SecretKey APP_TOKEN = new ConfigKeys.SecretKey("teams.app_token", APP_TOKEN_FILE);
    static final ConfigKeys.SecretKey SIGNING_SECRET = new ConfigKeys.SecretKey("teams.signing_secret", SIGNING_SECRET_FILE);

    @Override
    public String name() {
        return "teams";
    }

    @Override
    public List<Key> keys() {
        return List.of(MODE, HTTP_PORT, HTTP_BIND, API_URL, BOT_TOKEN_FILE, APP_TOKEN_FILE, SIGNING_SECRET_FILE, CHANNELS,
                USER_GROUPS);
    }

    @Override
    public List<ConfigKeys.SecretKey> secrets() {
        return List.of(BOT_TOKEN, APP_TOKEN, SIGNING_SECRET);
    }

    @Override
    public void check(SectionValues values) throws InvalidSetting {
        if (values.get(MODE, Mode.class) == Mode.HTTP && values.secret(BOT_TOKEN).isPresent()
                && values.secret(SIGNING_SECRET).isEmpty()) {
            throw new InvalidSetting(SIGNING_SECRET.path(), "http mode needs the signing secret");
        }
    }
}

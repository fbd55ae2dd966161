package rdpcheck.chat.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import rdpcheck.config.Secret;
import rdpcheck.probes.Target;

class DiscordSettingsTest {

    @Test
    void of_token_usesDiscordsOwnEndpoints() {
        DiscordSettings settings = DiscordSettings.of("t0k3n");

        assertEquals("https://discord.com/api/v10/", settings.restBaseUrl());
        assertEquals("wss://gateway.discord.gg", settings.gatewayUrl());
    }

    @Test
    void toString_neverShowsTheToken() {
        assertFalse(DiscordSettings.of("s3cret-token").toString().contains("s3cret"));
    }

    @Test
    void restBaseUrl_withoutTrailingSlash_getsOne() {
        assertEquals("http://127.0.0.1:8080/api/v10/",
                new DiscordSettings("t", "http://127.0.0.1:8080/api/v10", "ws://127.0.0.1:9/").restBaseUrl());
    }

    @Test
    void wrongSchemesOrBlankToken_refusedNamingTheSetting() {
        IllegalArgumentException rest = assertThrows(IllegalArgumentException.class,
                () -> new DiscordSettings("t", "ftp://proxy/api/v10/", DiscordSettings.DEFAULT_GATEWAY_URL));
        assertTrue(rest.getMessage().startsWith("discord.api_url: must be http or https"), rest.getMessage());
        IllegalArgumentException gateway = assertThrows(IllegalArgumentException.class,
                () -> new DiscordSettings("t", DiscordSettings.DEFAULT_REST_BASE_URL, "https://gateway.discord.gg"));
        assertTrue(gateway.getMessage().startsWith("discord.gateway_url: must be ws or wss"), gateway.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiscordSettings.of(" "));
    }

    @Test
    void from_configuration_readsTheDiscordSection_andOneDefaultGatewayEverywhere() throws Exception {
        rdpcheck.config.Settings settings = rdpcheck.config.ConfigLoader.load(Optional.empty(), java.util.Map.of(
                "RDPCHECK_DISCORD_TOKEN", "tok", "RDPCHECK_DISCORD_API_URL", "http://127.0.0.1:1/api/v10/",
                "RDPCHECK_DISCORD_GATEWAY_URL", "ws://127.0.0.1:2")).settings();
        DiscordSettings discord = DiscordSettings.from(settings.sections());
        assertEquals("tok", discord.token());
        assertEquals("http://127.0.0.1:1/api/v10/", discord.restBaseUrl());
        assertEquals("ws://127.0.0.1:2", discord.gatewayUrl());
        assertEquals(DiscordSettings.DEFAULT_GATEWAY_URL, DiscordSettings.GATEWAY_URL.defaultText());
        assertEquals(DiscordSettings.DEFAULT_REST_BASE_URL, DiscordSettings.API_URL.defaultText());
    }

    @Test
    void load_discordWithAnEmptyTokenFile_isAConfigurationErrorNamingTheKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        rdpcheck.config.ConfigException e = assertThrows(rdpcheck.config.ConfigException.class,
                () -> rdpcheck.config.ConfigLoader.load(Optional.empty(), java.util.Map.of("RDPCHECK_DISCORD_TOKEN", "tok",
                        "RDPCHECK_DISCORD_GATEWAY_URL", "ws://")));
        assertEquals("discord.gateway_url", e.problems().get(0).key(), e.getMessage());
    }

    @Test
    void buttons_roundTripTheTarget_andAreLeftOutWhenTheIdWouldPassDiscordsLimit() {
        Target target = new Target("rdp01.corp", 3389, "rdp01.corp");

        assertEquals(1, Buttons.row(target).size());
        assertEquals(Optional.of(new Buttons.Click(Buttons.Action.RERUN, "rdp01.corp:3389")), Buttons.parse("rdpcheck:rerun:rdp01.corp:3389"));
        assertEquals(Optional.of(new Buttons.Click(Buttons.Action.RAW, "rdp01.corp:3389")), Buttons.parse("rdpcheck:raw:rdp01.corp:3389"));
        assertEquals(Optional.empty(), Buttons.parse("rdpcheck:rerun:"));
        assertEquals(Optional.empty(), Buttons.parse("someone-else:x"));
        assertEquals(0, Buttons.row(new Target("h".repeat(90), 3389, "h")).size());
    }
}

package rdpcheck.chat.discord;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Discord objects the fake hands to JDA: just the fields JDA 6.5 reads, with the shapes
 * Discord's API reference gives them (ids as strings, permissions as decimal strings).
 */
final class FakeDiscordJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Discord's epoch: snowflakes count milliseconds from 2015-01-01T00:00:00Z. */
    private static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    static final long BOT_USER_ID = 1_100_000_000_000_000_001L;
    static final long APPLICATION_ID = 1_100_000_000_000_000_002L;
    static final long GUILD_ID = 1_100_000_000_000_000_003L;
    static final long CHANNEL_ID = 1_100_000_000_000_000_004L;
    static final long USER_ID = 1_100_000_000_000_000_005L;
    static final long BOT_ROLE_ID = 1_100_000_000_000_000_006L;
    /** A role the requesting user holds, for access-policy tests. */
    static final long ONCALL_ROLE_ID = 1_100_000_000_000_000_007L;

    /** VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS, READ_MESSAGE_HISTORY, CREATE_PUBLIC_THREADS, SEND_MESSAGES_IN_THREADS. */
    static final long CREATE_PUBLIC_THREADS = 1L << 35;
    static final long BOT_PERMISSIONS = (1L << 10) | (1L << 11) | (1L << 14) | (1L << 16) | (1L << 35) | (1L << 38);

    private FakeDiscordJson() {
    }

    /** A snowflake for now: JDA derives an interaction's age (and its 15-minute token life) from it. */
    static long snowflake() {
        return ((System.currentTimeMillis() - DISCORD_EPOCH_MILLIS) << 22) | (SEQUENCE.incrementAndGet() & 0xFFF);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static ObjectNode user(long id, String name, boolean bot) {
        ObjectNode user = object();
        user.put("id", Long.toUnsignedString(id));
        user.put("username", name);
        user.put("global_name", name);
        user.put("discriminator", "0");
        user.putNull("avatar");
        user.put("bot", bot);
        user.put("public_flags", 0);
        return user;
    }

    static ObjectNode botUser() {
        ObjectNode user = user(BOT_USER_ID, "rdpcheck", true);
        user.put("verified", true);
        user.put("mfa_enabled", false);
        user.put("flags", 0);
        return user;
    }

    static ObjectNode application() {
        ObjectNode app = object();
        app.put("id", Long.toUnsignedString(APPLICATION_ID));
        app.put("flags", 0);
        return app;
    }

    static ObjectNode member(ObjectNode user, long... roles) {
        ObjectNode member = object();
        member.set("user", user);
        ArrayNode roleIds = member.putArray("roles");
        for (long role : roles) {
            roleIds.add(Long.toUnsignedString(role));
        }
        member.put("joined_at", "2025-01-01T00:00:00.000000+00:00");
        member.put("deaf", false);
        member.put("mute", false);
        member.put("flags", 0);
        member.put("pending", false);
        member.putNull("nick");
        return member;
    }

    static ObjectNode role(long id, String name, long permissions, int position) {
        ObjectNode role = object();
        role.put("id", Long.toUnsignedString(id));
        role.put("name", name);
        role.put("color", 0);
        role.putObject("colors").put("primary_color", 0);
        role.put("hoist", false);
        role.put("position", position);
        role.put("permissions", Long.toString(permissions));
        role.put("managed", false);
        role.put("mentionable", false);
        role.put("flags", 0);
        return role;
    }

    static ObjectNode textChannel() {
        ObjectNode channel = object();
        channel.put("id", Long.toUnsignedString(CHANNEL_ID));
        channel.put("guild_id", Long.toUnsignedString(GUILD_ID));
        channel.put("type", 0);
        channel.put("name", "incidents");
        channel.put("position", 0);
        channel.putNull("parent_id");
        channel.putNull("topic");
        channel.put("nsfw", false);
        channel.putNull("last_message_id");
        channel.put("rate_limit_per_user", 0);
        channel.put("flags", 0);
        channel.putArray("permission_overwrites");
        return channel;
    }

    /** GUILD_CREATE for the one guild the bot is in: the channel, @everyone, the bot's role and member. */
    static ObjectNode guild(long botPermissions) {
        ObjectNode guild = object();
        guild.put("id", Long.toUnsignedString(GUILD_ID));
        guild.put("name", "ops");
        guild.putNull("icon");
        guild.put("owner_id", Long.toUnsignedString(USER_ID));
        guild.put("preferred_locale", "en-US");
        guild.put("member_count", 2);
        guild.put("large", false);
        guild.put("unavailable", false);
        guild.put("joined_at", "2025-01-01T00:00:00.000000+00:00");
        guild.put("afk_timeout", 300);
        guild.put("verification_level", 0);
        guild.put("default_message_notifications", 0);
        guild.put("explicit_content_filter", 0);
        guild.put("mfa_level", 0);
        guild.put("nsfw_level", 0);
        guild.put("premium_tier", 0);
        guild.put("premium_progress_bar_enabled", false);
        guild.putArray("features");
        ArrayNode roles = guild.putArray("roles");
        roles.add(role(GUILD_ID, "@everyone", 0, 0));
        roles.add(role(BOT_ROLE_ID, "rdpcheck", botPermissions, 1));
        roles.add(role(ONCALL_ROLE_ID, "oncall", 0, 2));
        guild.putArray("channels").add(textChannel());
        guild.putArray("threads");
        guild.putArray("members").add(member(botUser(), BOT_ROLE_ID));
        guild.putArray("voice_states");
        guild.putArray("presences");
        guild.putArray("emojis");
        guild.putArray("stickers");
        guild.putArray("guild_scheduled_events");
        guild.putArray("stage_instances");
        guild.putArray("soundboard_sounds");
        return guild;
    }

    /** A message as Discord returns it from a send or edit, carrying what the bot sent. */
    static ObjectNode message(long id, long channelId, JsonNode sent, boolean fromInteraction) {
        ObjectNode message = object();
        message.put("id", Long.toUnsignedString(id));
        message.put("channel_id", Long.toUnsignedString(channelId));
        message.put("guild_id", Long.toUnsignedString(GUILD_ID));
        message.set("author", botUser());
        message.put("content", sent.path("content").asText(""));
        message.put("timestamp", Instant.now().toString());
        message.putNull("edited_timestamp");
        message.put("tts", false);
        message.put("mention_everyone", false);
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.putArray("attachments");
        ArrayNode embeds = array();
        // Discord answers with each embed's type filled in; JDA refuses embeds without one.
        sent.path("embeds").forEach(embed -> embeds.add(((ObjectNode) embed.deepCopy()).put("type", "rich")));
        message.set("embeds", embeds);
        message.set("components", sent.has("components") ? sent.get("components").deepCopy() : array());
        message.put("pinned", false);
        message.put("type", fromInteraction ? 20 : 0);
        message.put("flags", sent.path("flags").asInt(0));
        if (fromInteraction) {
            message.put("webhook_id", Long.toUnsignedString(APPLICATION_ID));
            message.put("application_id", Long.toUnsignedString(APPLICATION_ID));
        }
        return message;
    }

    /** A public thread (type 11) started from {@code messageId} in the channel. */
    static ObjectNode thread(long id, long parentId, String name) {
        ObjectNode thread = object();
        thread.put("id", Long.toUnsignedString(id));
        thread.put("guild_id", Long.toUnsignedString(GUILD_ID));
        thread.put("parent_id", Long.toUnsignedString(parentId));
        thread.put("owner_id", Long.toUnsignedString(BOT_USER_ID));
        thread.put("name", name);
        thread.put("type", 11);
        thread.putNull("last_message_id");
        thread.put("message_count", 0);
        thread.put("member_count", 1);
        thread.put("rate_limit_per_user", 0);
        thread.put("flags", 0);
        thread.put("total_message_sent", 0);
        ObjectNode metadata = thread.putObject("thread_metadata");
        metadata.put("archived", false);
        metadata.put("auto_archive_duration", 1440);
        metadata.put("archive_timestamp", Instant.now().toString());
        metadata.put("locked", false);
        metadata.put("invitable", true);
        return thread;
    }

    /** Fields every interaction carries, as sent in a guild text channel by {@link #USER_ID}. */
    static ObjectNode interaction(long id, String token, int type) {
        ObjectNode interaction = object();
        interaction.put("id", Long.toUnsignedString(id));
        interaction.put("application_id", Long.toUnsignedString(APPLICATION_ID));
        interaction.put("type", type);
        interaction.put("token", token);
        interaction.put("version", 1);
        interaction.put("guild_id", Long.toUnsignedString(GUILD_ID));
        ObjectNode guild = interaction.putObject("guild");
        guild.put("id", Long.toUnsignedString(GUILD_ID));
        guild.put("locale", "en-US");
        guild.putArray("features");
        interaction.put("channel_id", Long.toUnsignedString(CHANNEL_ID));
        interaction.set("channel", textChannel());
        ObjectNode member = member(user(USER_ID, "oncall", false), ONCALL_ROLE_ID);
        member.put("permissions", Long.toString(BOT_PERMISSIONS));
        interaction.set("member", member);
        interaction.put("app_permissions", Long.toString(BOT_PERMISSIONS));
        interaction.put("locale", "en-US");
        interaction.put("guild_locale", "en-US");
        interaction.put("context", 0);
        interaction.putObject("authorizing_integration_owners").put("0", Long.toUnsignedString(GUILD_ID));
        interaction.putArray("entitlements");
        return interaction;
    }
}

package rdpcheck.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every setting rdpcheck knows, in the order {@code rdpcheck config check} prints them: the core
 * keys declared here, then each installed {@link SettingsSection}'s (a chat platform's), by section
 * name. A key not listed (nor a section's secret) is an error in a configuration file.
 */
public final class ConfigKeys {

    private static final ValueType CIDRS = ValueType.listOf(
            ValueType.parsed("IPv4 or IPv6 networks", Cidr::parse), "[10.0.0.0/8, fd00::/8]");
    private static final ValueType HOSTS = ValueType.listOf(
            ValueType.parsed("host-name patterns (a name, *.domain or *)", HostPattern::parse),
            "[\"*.corp.example\", rdp01.lab.example]");
    private static final ValueType PORTS = ValueType.listOf(ValueType.integer(1, 65_535), "[3389, 3390]");
    private static final ValueType PATH = ValueType.path();

    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    public static final Key PROBE_DEADLINE = add("probe.deadline", ValueType.duration(Duration.ofSeconds(1),
            Duration.ofMinutes(2)), "10s", "deadline of a whole check, all probes included");
    public static final Key PROBE_CONNECT_TIMEOUT = add("probe.connect_timeout", ValueType.duration(
            Duration.ofMillis(100), Duration.ofMinutes(1)), "3s", "one TCP connect");
    public static final Key PROBE_READ_TIMEOUT = add("probe.read_timeout", ValueType.duration(
            Duration.ofMillis(100), Duration.ofMinutes(1)), "4s", "longest silence accepted while waiting for a reply");
    public static final Key PROBE_TCP_SAMPLES = add("probe.tcp_samples", ValueType.integer(1, 20), "3",
            "TCP connects per address (round-trip time and jitter)");
    public static final Key PROBE_MAX_REPLY_BYTES = add("probe.max_reply_bytes", ValueType.integer(1024, 16 << 20),
            "262144", "most bytes one probe connection reads before giving up on the host");
    public static final Key PROBE_MAX_CONNECTIONS_PER_HOST = add("probe.max_connections_per_host",
            ValueType.integer(1, 16), "4", "most connections a check holds open to one host at once (it starts with 2, "
                    + "and falls back to 1 while the host drops or resets connections)");

    public static final Key CACHE_TTL = add("cache.ttl", ValueType.duration(Duration.ZERO, Duration.ofDays(1)), "60s",
            "how long a chat answer is reused for the same target (0s: never)");
    public static final Key CACHE_MAX_ENTRIES = add("cache.max_entries", ValueType.integer(1, 1_000_000), "1000",
            "most cached reports (to cache nothing, set cache.ttl to 0s)");

    public static final Key LIMITS_MAX_RUNNING_CHECKS = add("limits.max_running_checks", ValueType.integer(1, 256),
            "4", "checks probing at once, all users together; more wait in a queue (chat answers \"Queued...\")");
    public static final Key LIMITS_USER_BURST = add("limits.user_burst", ValueType.integer(1, 1000), "3",
            "checks one user may start back to back (token bucket size)");
    public static final Key LIMITS_USER_PER_MINUTE = add("limits.user_per_minute", ValueType.integer(1, 10_000), "6",
            "checks per minute one user may keep up (token refill rate)");
    public static final Key LIMITS_CHANNEL_BURST = add("limits.channel_burst", ValueType.integer(1, 1000), "10",
            "checks one channel may start back to back");
    public static final Key LIMITS_CHANNEL_PER_MINUTE = add("limits.channel_per_minute", ValueType.integer(1, 10_000),
            "30", "checks per minute one channel may keep up");
    public static final Key LIMITS_MAX_HOSTS_PER_COMMAND = add("limits.max_hosts_per_command", ValueType.integer(1, 50),
            "10", "hosts one chat command may name (/rdpcheck host1 host2 ...); the command costs one rate-limit token");

    public static final Key POLICY_APPLY_TO_CLI = add("policy.apply_to_cli", ValueType.bool(), "false",
            "apply the target policy to 'rdpcheck check' and the console chat too (chat always has it)");
    public static final Key POLICY_ALLOW_CIDRS = add("policy.allow_cidrs", CIDRS, "[]",
            "if not empty, only addresses in these networks are probed; also the only way to allow loopback");
    public static final Key POLICY_DENY_CIDRS = add("policy.deny_cidrs", CIDRS, "[]",
            "addresses never probed, on top of the built-in list (link-local, metadata, multicast, ...)");
    public static final Key POLICY_ALLOW_HOSTS = add("policy.allow_hosts", HOSTS, "[]",
            "if not empty, only host names matching one of these are looked up (address literals are judged by CIDR)");
    public static final Key POLICY_DENY_HOSTS = add("policy.deny_hosts", HOSTS, "[]",
            "host names never looked up, on top of the built-in list (metadata names, localhost)");
    public static final Key POLICY_ALLOWED_PORTS = add("policy.allowed_ports", PORTS, "[3389]",
            "ports a chat user may name");
    public static final Key POLICY_GATEWAY_PORTS = add("policy.gateway_ports", PORTS, "[443, 3391]",
            "ports an RD Gateway may be checked on (its HTTPS port, TCP; its UDP transport, 3391): for 'HOST gateway'"
                    + " and 'HOST via GATEWAY' only, never for a host's RDP check");
    public static final Key POLICY_MAX_ADDRESSES_PER_NAME = add("policy.max_addresses_per_name", ValueType.integer(1, 64), "4",
            "most addresses of one name a chat check connects to (the rest are listed as not checked): a name with"
                    + " hundreds of A records must not turn one request into a scan");
    public static final Key POLICY_INTERNET_FACING_CIDRS = add("policy.internet_facing_cidrs", CIDRS, "[]",
            "networks reachable from the internet (classifies, never refuses): RDP-UDP answering there is a warning"
                    + " (reflection), closed there is no finding");
    public static final Key POLICY_INTERNET_FACING_HOSTS = add("policy.internet_facing_hosts", HOSTS, "[]",
            "host names (as typed) reachable from the internet, as policy.internet_facing_cidrs");

    public static final Key METRICS_PORT = add("metrics.port", ValueType.integer(0, 65_535), "0",
            "port of /metrics and /health (0: off)");
    public static final Key METRICS_BIND = add("metrics.bind", ValueType.address(), "0.0.0.0",
            "local address of /metrics and /health (default every interface: a scraper elsewhere, or a container's"
                    + " published port, must reach it; 127.0.0.1 keeps them on this machine)");
    public static final Key AUDIT_PATH = add("audit.path", PATH, "-",
            "file the audit log is appended to, one JSON line per request ('-': standard error)");
    public static final Key FLEET_MAX_TARGETS = add("fleet.max_targets", ValueType.integer(1, 100_000), "1000",
            "most hosts one `rdpcheck check` fleet may name (--max-hosts overrides it)");

    /** The configuration file itself. */
    public static final String CONFIG_ENV = "RDPCHECK_CONFIG";
    /** Read by rdpcheck.app.logging.LogSetup, not by the loader: the root log level (INFO by default). */
    public static final String LOG_LEVEL_ENV = "RDPCHECK_LOG_LEVEL";
    /** Read by the launcher (bin/rdpcheck), not by the loader: which java, jar, JVM options and archive. */
    public static final List<String> LAUNCHER_ENV = List.of("RDPCHECK_JAVA", "RDPCHECK_JAR", "RDPCHECK_JAVA_OPTS",
            "RDPCHECK_ARCHIVE", "RDPCHECK_ARCHIVE_DIR", "RDPCHECK_LAUNCHER");

    /** The core keys' count: the keys after them are the sections'. */
    private static final int CORE = KEYS.size();
    private static final List<SettingsSection> SECTIONS = Sections.load(KEYS);
    private static final List<SecretKey> SECRETS = SECTIONS.stream().flatMap(s -> s.secrets().stream()).toList();

    private ConfigKeys() {
    }

    /** Every ordinary (non-secret) key, in order. */
    public static List<Key> all() {
        return Collections.unmodifiableList(new ArrayList<>(KEYS.values()));
    }

    /** The core keys, without the sections'. */
    static List<Key> core() {
        return all().subList(0, CORE);
    }

    /** The installed sections (chat platforms), by name. */
    public static List<SettingsSection> sections() {
        return SECTIONS;
    }

    /** Every secret setting, in order: never in the YAML file; from the environment or the file its {@code *_file} key names. */
    public static List<SecretKey> secrets() {
        return SECRETS;
    }

    static Key byPath(String path) {
        return KEYS.get(path);
    }

    /** Whether {@code path} is a section holding keys, e.g. {@code access} or {@code access.slack}. */
    static boolean isSection(String path) {
        String prefix = path + ".";
        for (String key : KEYS.keySet()) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        for (SecretKey secret : SECRETS) {
            if (secret.path().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The keys directly under {@code section}, for "allowed here" in errors. */
    static List<String> childrenOf(String section) {
        String prefix = section.isEmpty() ? "" : section + ".";
        List<String> names = new ArrayList<>();
        for (String key : KEYS.keySet()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                String child = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                if (!names.contains(child)) {
                    names.add(child);
                }
            }
        }
        return names;
    }

    static SecretKey secret(String path) {
        for (SecretKey secret : SECRETS) {
            if (secret.path().equals(path)) {
                return secret;
            }
        }
        return null;
    }

    private static Key add(String path, ValueType type, String defaultText, String help) {
        Key key = new Key(path, type, defaultText, help);
        KEYS.put(path, key);
        return key;
    }

    /**
     * A secret setting.
     *
     * @param path    its name, e.g. {@code slack.bot_token}; its variable is {@code RDPCHECK_SLACK_BOT_TOKEN}
     * @param fileKey the ordinary key naming a file that holds it
     */
    public record SecretKey(String path, Key fileKey) {
        public String envVar() {
            return Key.envVarOf(path);
        }
    }
}

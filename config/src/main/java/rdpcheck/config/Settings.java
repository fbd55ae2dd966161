package rdpcheck.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration, typed and validated. Built by {@link ConfigLoader}; {@link #defaults()}
 * is what the console and {@code rdpcheck check} use with no file. Its {@code toString} never
 * shows a secret ({@link Secret} masks itself).
 */
public record Settings(ProbeSettings probe, CacheSettings cache, LimitSettings limits, PolicySettings policy,
                       MetricsSettings metrics, AuditSettings audit, FleetSettings fleet, SectionValues sections) {

    /** The defaults of every key, no secrets: what runs with no file and no environment. */
    public static Settings defaults() {
        try {
            return ConfigLoader.load(Optional.empty(), Map.of()).settings();
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults do not validate: " + e.getMessage(), e);
        }
    }

    /** Every secret that is set, e.g. for a redactor that scrubs them from anything printed. */
    public List<Secret> secrets() {
        return sections.secrets();
    }

    @SuppressWarnings("unchecked")
    static Settings from(Map<String, Object> v, SectionValues sections) {
        return new Settings(
                new ProbeSettings(duration(v, ConfigKeys.PROBE_DEADLINE), duration(v, ConfigKeys.PROBE_CONNECT_TIMEOUT),
                        duration(v, ConfigKeys.PROBE_READ_TIMEOUT), integer(v, ConfigKeys.PROBE_TCP_SAMPLES),
                        integer(v, ConfigKeys.PROBE_MAX_REPLY_BYTES), integer(v, ConfigKeys.PROBE_MAX_CONNECTIONS_PER_HOST)),
                new CacheSettings(duration(v, ConfigKeys.CACHE_TTL), integer(v, ConfigKeys.CACHE_MAX_ENTRIES)),
                new LimitSettings(integer(v, ConfigKeys.LIMITS_MAX_RUNNING_CHECKS), integer(v, ConfigKeys.LIMITS_USER_BURST),
                        integer(v, ConfigKeys.LIMITS_USER_PER_MINUTE), integer(v, ConfigKeys.LIMITS_CHANNEL_BURST),
                        integer(v, ConfigKeys.LIMITS_CHANNEL_PER_MINUTE), integer(v, ConfigKeys.LIMITS_MAX_HOSTS_PER_COMMAND)),
                new PolicySettings((Boolean) v.get(ConfigKeys.POLICY_APPLY_TO_CLI.path()),
                        (List<Cidr>) v.get(ConfigKeys.POLICY_ALLOW_CIDRS.path()),
                        (List<Cidr>) v.get(ConfigKeys.POLICY_DENY_CIDRS.path()),
                        (List<HostPattern>) v.get(ConfigKeys.POLICY_ALLOW_HOSTS.path()),
                        (List<HostPattern>) v.get(ConfigKeys.POLICY_DENY_HOSTS.path()),
                        (List<Integer>) v.get(ConfigKeys.POLICY_ALLOWED_PORTS.path()),
                        integer(v, ConfigKeys.POLICY_MAX_ADDRESSES_PER_NAME),
                        (List<Integer>) v.get(ConfigKeys.POLICY_GATEWAY_PORTS.path()),
                        (List<Cidr>) v.get(ConfigKeys.POLICY_INTERNET_FACING_CIDRS.path()),
                        (List<HostPattern>) v.get(ConfigKeys.POLICY_INTERNET_FACING_HOSTS.path())),
                new MetricsSettings(integer(v, ConfigKeys.METRICS_PORT),
                        (java.net.InetAddress) v.get(ConfigKeys.METRICS_BIND.path())),
                new AuditSettings((String) v.get(ConfigKeys.AUDIT_PATH.path())),
                new FleetSettings(integer(v, ConfigKeys.FLEET_MAX_TARGETS)), sections);
    }

    private static java.time.Duration duration(Map<String, Object> v, Key key) {
        return (java.time.Duration) v.get(key.path());
    }

    private static int integer(Map<String, Object> v, Key key) {
        return (Integer) v.get(key.path());
    }
}

package rdpcheck.config;

/** The /metrics and /health endpoint; port 0 turns it off. */
public record MetricsSettings(int port) {

    public boolean enabled() {
        return port != 0;
    }
}

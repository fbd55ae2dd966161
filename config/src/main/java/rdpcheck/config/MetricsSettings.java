package rdpcheck.config;

/** The /metrics and /health endpoint; port 0 turns it off; {@code bind} is the local address it listens on. */
public record MetricsSettings(int port, java.net.InetAddress bind) {

    public boolean enabled() {
        return port != 0;
    }
}

package rdpcheck.probes.tls;

import java.util.Optional;

import org.bouncycastle.tls.ProtocolVersion;

/** The TLS versions a probe can offer, oldest first. SSL 3.0 is not offered: Windows never enabled it for RDP. */
public enum TlsVersion {
    TLS_1_0("TLS 1.0", ProtocolVersion.TLSv10),
    TLS_1_1("TLS 1.1", ProtocolVersion.TLSv11),
    TLS_1_2("TLS 1.2", ProtocolVersion.TLSv12),
    TLS_1_3("TLS 1.3", ProtocolVersion.TLSv13);

    private final String label;
    private final ProtocolVersion bc;

    TlsVersion(String label, ProtocolVersion bc) {
        this.label = label;
        this.bc = bc;
    }

    /** {@code TLS 1.2}, as reports and sslscan write it. */
    public String label() {
        return label;
    }

    /** Bouncy Castle's value, for code that drives BC's TLS API directly (the lab server). */
    public ProtocolVersion protocolVersion() {
        return bc;
    }

    /** TLS 1.0 and 1.1 are deprecated (RFC 8996). */
    public boolean legacy() {
        return this == TLS_1_0 || this == TLS_1_1;
    }

    public static Optional<TlsVersion> of(ProtocolVersion version) {
        for (TlsVersion value : values()) {
            if (value.bc.equals(version)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}

package rdpcheck.probes.diagnosis;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The client profiles the impact model speaks for: what users actually connect with. A playbook
 * says, per group, whether its cause makes that client fail, warn or go unnoticed.
 */
public enum ClientGroup {
    MSTSC("mstsc", "mstsc (default settings)"),
    MSTSC_STRICT("mstsc-strict", "mstsc with \"Do not connect if authentication fails\", or through an RD Gateway"),
    FREERDP("freerdp", "FreeRDP 2/3 (defaults; Remmina)"),
    WINDOWS_APP("windows-app", "Windows App (macOS, iOS, Android)"),
    WEB("web", "Remote Desktop web client / Guacamole");

    private final String key;
    private final String label;

    ClientGroup(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The key in playbooks and JSON, e.g. {@code windows-app}. */
    @JsonValue
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static Optional<ClientGroup> ofKey(String key) {
        return Arrays.stream(values()).filter(g -> g.key.equals(key)).findFirst();
    }
}

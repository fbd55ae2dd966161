package rdpcheck.chat.policy;

import rdpcheck.config.ProbeSettings;
import rdpcheck.config.Settings;
import rdpcheck.probes.AddressGate;
import rdpcheck.probes.ProbeOptions;

/** Maps the configuration onto the probes' {@link ProbeOptions}. */
public final class SettingsOptions {

    private SettingsOptions() {
    }

    /** The probe settings, with {@code gate} deciding which addresses may be probed. */
    public static ProbeOptions of(ProbeSettings probe, AddressGate gate) {
        return new ProbeOptions(probe.deadline(), probe.connectTimeout(), probe.readTimeout(), probe.tcpSamples(),
                probe.maxReplyBytes(), gate, ProbeOptions.defaults().clock());
    }

    /**
     * What {@code rdpcheck check} in a terminal uses: the person could connect there anyway, so the
     * target policy applies only when {@code policy.apply_to_cli} is true.
     */
    public static ProbeOptions forTerminal(Settings settings) {
        AddressGate gate = settings.policy().applyToCli() ? new TargetPolicy(settings.policy()) : AddressGate.ALLOW_ALL;
        return of(settings.probe(), gate);
    }
}

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
                probe.maxReplyBytes(), probe.maxConnectionsPerHost(), gate, ProbeOptions.defaults().clock());
    }

    /**
     * The probe settings with {@code gate}, and the policy's internet-facing marks (they classify
     * targets in every mode, chat or terminal; only the gate depends on {@code policy.apply_to_cli}).
     */
    public static ProbeOptions of(Settings settings, AddressGate gate) {
        return of(settings.probe(), gate).withExposure(settings.policy()::internetFacing);
    }

    /**
     * What {@code rdpcheck check} in a terminal uses: the person could connect there anyway, so the
     * target policy applies only when {@code policy.apply_to_cli} is true.
     */
    public static ProbeOptions forTerminal(Settings settings) {
        AddressGate gate = settings.policy().applyToCli() ? new TargetPolicy(settings.policy()) : AddressGate.ALLOW_ALL;
        return of(settings, gate);
    }
}

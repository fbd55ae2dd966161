package rdpcheck.config;

/** Checks of many targets at once. */
public record FleetSettings(int maxTargets) {
}

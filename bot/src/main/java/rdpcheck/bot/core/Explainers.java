package rdpcheck.bot.core;

/** Code explainers available before a full client error code catalogue is wired in. */
public final class Explainers {

    private Explainers() {
    }

    /** Says plainly that this build has no catalogue, and where the codes are documented. */
    public static CodeExplainer unavailable() {
        return (code, extended) -> "This build of rdpcheck has no catalogue of client error codes yet, so "
                + code + extended.map(e -> " / extended " + e).orElse("")
                + " cannot be explained here. Run `/rdpcheck HOST` instead: the diagnosis lists the codes it explains.";
    }
}

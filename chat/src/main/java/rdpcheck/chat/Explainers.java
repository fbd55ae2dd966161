package rdpcheck.chat;

import rdpcheck.probes.diagnosis.ErrorCodes;

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

    /** The documented code tables of {@link ErrorCodes}; a code that is not a number is said to be one. */
    public static CodeExplainer errorCodes() {
        return (code, extended) -> ErrorCodes.explain(code, extended)
                .map(ErrorCodes.Explanation::text)
                .orElse("`" + code + extended.map(e -> " " + e).orElse("")
                        + "` is not an error code: give it as mstsc shows it, e.g. `0x904 0x7`.");
    }
}

package rdpcheck.chat;

import java.util.Optional;

/** Explains a Remote Desktop client error code ({@code /rdpcheck explain 0x904 0x7}). */
@FunctionalInterface
public interface CodeExplainer {

    /** Plain text for the requester; says so when the code is unknown. */
    String explain(String code, Optional<String> extended);
}

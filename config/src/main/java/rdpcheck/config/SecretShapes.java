package rdpcheck.config;

import java.util.regex.Pattern;

/**
 * Text shaped like a credential, whatever key or chat message it arrived in: Slack tokens
 * ({@code xoxb-}, {@code xoxp-}, {@code xoxe.xoxp-}, {@code xapp-}), Discord bot tokens (three
 * base64url parts), JWTs ({@code eyJ…}), {@code Bearer …} values and GitHub tokens. One pattern,
 * used to refuse such text as a host name or a setting and to mask it wherever text leaves rdpcheck.
 */
public final class SecretShapes {

    private static final Pattern SHAPES = Pattern.compile(String.join("|",
            "xox[a-z](?:\\.xox[a-z])?-[A-Za-z0-9-]{6,}",
            "xapp-[A-Za-z0-9-]{6,}",
            "[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{6,7}\\.[A-Za-z0-9_-]{27,}",
            "eyJ[A-Za-z0-9_-]{6,}\\.eyJ[A-Za-z0-9_-]{6,}(?:\\.[A-Za-z0-9_-]*)?",
            "bearer\\s+[A-Za-z0-9._~+/-]{8,}=*",
            "gh[pousr]_[A-Za-z0-9]{30,}"),
            Pattern.CASE_INSENSITIVE);

    private SecretShapes() {
    }

    /** Whether {@code text} holds anything shaped like a credential. */
    public static boolean found(String text) {
        return text != null && SHAPES.matcher(text).find();
    }

    /** {@code text} with every credential-shaped run replaced by {@code mask}. */
    public static String mask(String text, String mask) {
        return SHAPES.matcher(text).replaceAll(java.util.regex.Matcher.quoteReplacement(mask));
    }
}

package rdpcheck.app.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %redactedEx}: stack traces with secrets masked. A library's exception message can carry a
 * token (JDA: {@code Token may not contain blanks. Provided: "…"}); line breaks stay, they are the
 * trace's own.
 */
public final class RedactedThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return LogRedaction.current().scrub(super.throwableProxyToString(proxy));
    }
}

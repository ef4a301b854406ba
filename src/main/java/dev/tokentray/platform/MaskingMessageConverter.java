package dev.tokentray.platform;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Pattern;

/**
 * The log message with anything shaped like a JWT masked. The code never logs a token; this is
 * the second line of defence, for a library or a future change that would.
 */
public final class MaskingMessageConverter extends MessageConverter {
    private static final Pattern JWT = Pattern.compile("eyJ[\\w-]{4,}\\.[\\w-]{4,}\\.[\\w-]+");

    @Override
    public String convert(ILoggingEvent event) {
        return JWT.matcher(super.convert(event)).replaceAll("******");
    }
}

package dev.tokentray.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Sends the log to a rotating file in the state folder (owner-only), and to stderr with
 * {@code --verbose}. Configured in code: no XML to parse on the start path.
 */
public final class Logging {
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS XXX} %-5level [%thread] %logger{0} - %masked%n";
    private static final String LOG_FILE = "upstox-token-tray.log";
    private static final int KEPT_FILES = 3;

    private Logging() {}

    /** What goes to stderr besides the file: nothing (the CLI prints its own messages), or a level on. */
    public enum Echo {
        NONE(Level.OFF),
        INFO(Level.INFO),
        DEBUG(Level.DEBUG);

        private final Level level;

        Echo(Level level) {
            this.level = level;
        }
    }

    /**
     * Logs to the file, at debug level when {@code echo} is {@link Echo#DEBUG} (the {@code --verbose}
     * of the CLI), and echoes to stderr from {@code echo}'s level on.
     */
    public static void toFile(Path logFolder, Echo echo) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(echo == Echo.DEBUG ? Level.DEBUG : Level.INFO);
        root.addAppender(file(context, logFolder));
        if (echo != Echo.NONE) {
            root.addAppender(stderr(context, echo.level));
        }
        quietLibraries(context);
    }

    /** Until {@link #toFile} runs, and in tests: warnings and errors to stderr only. */
    static void warningsToStderr(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr(context, Level.WARN));
        quietLibraries(context);
    }

    /** The keychain and D-Bus libraries log every message at debug: noise, and no help to a trader. */
    private static void quietLibraries(LoggerContext context) {
        for (String library : new String[] {"org.freedesktop", "de.swiesend", "com.github.javakeyring"}) {
            context.getLogger(library).setLevel(Level.WARN);
        }
    }

    private static OutputStreamAppender<ILoggingEvent> file(LoggerContext context, Path logFolder) {
        OwnerOnlyRollingFileAppender appender = new OwnerOnlyRollingFileAppender();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(logFolder.resolve(LOG_FILE).toString());

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(logFolder.resolve(LOG_FILE + ".%i").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(KEPT_FILES);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("1MB"));
        trigger.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder(context));
        appender.start();
        return appender;
    }

    private static OutputStreamAppender<ILoggingEvent> stderr(LoggerContext context, Level threshold) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setTarget("System.err");
        appender.setEncoder(encoder(context));
        ThresholdFilter filter = new ThresholdFilter();
        filter.setLevel(threshold.levelStr);
        filter.start();
        appender.addFilter(filter);
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        Map<String, Supplier<DynamicConverter<?>>> conversions = Map.of("masked", MaskingMessageConverter::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, new HashMap<>(conversions));
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }
}

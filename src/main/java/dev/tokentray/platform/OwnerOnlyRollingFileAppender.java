package dev.tokentray.platform;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.nio.file.Path;

/** A rolling log file created owner-only, at start and after each rollover (logback would follow the umask). */
final class OwnerOnlyRollingFileAppender extends RollingFileAppender<ILoggingEvent> {
    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName);
        OwnerOnly.directories(file.toAbsolutePath().getParent());
        OwnerOnly.file(file);
        super.openFile(fileName);
    }
}

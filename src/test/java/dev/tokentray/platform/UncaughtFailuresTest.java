package dev.tokentray.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.testsupport.RealEnvironment;
import java.awt.EventQueue;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxToolkit;

/**
 * An exception nobody caught, on the threads of the app: JavaFX's and AWT's on the test display, the
 * renewal's, a thread of its own. Each is logged, without its message, and told to the listener.
 */
class UncaughtFailuresTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String MESSAGE = "an answer that quotes token=eyJ.secret";

    private final BlockingQueue<UncaughtFailures.Failure> heard = new LinkedBlockingQueue<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(UncaughtFailures.class);
    private Thread.UncaughtExceptionHandler before;
    private UncaughtFailures.Subscription subscription;

    @BeforeEach
    void install() {
        before = Thread.getDefaultUncaughtExceptionHandler();
        subscription = UncaughtFailures.install().listen(heard::add);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void restore() {
        logger.detachAppender(log);
        subscription.close();
        Thread.setDefaultUncaughtExceptionHandler(before);
    }

    @Test
    void aThreadOfItsOwnIsLoggedWithoutTheMessageAndTold() throws Exception {
        Thread.ofPlatform().name("keychain-work").start(() -> {
            throw new IllegalStateException(MESSAGE, new IllegalArgumentException(MESSAGE));
        }).join();

        assertThat(next()).isEqualTo(new UncaughtFailures.Failure("keychain-work", "IllegalStateException"));
        String logged = log.list.getFirst().getFormattedMessage();
        assertThat(logged).startsWith("An unexpected java.lang.IllegalStateException stopped work on the thread"
                + " 'keychain-work':").contains("Caused by: java.lang.IllegalArgumentException", "\tat ")
                .doesNotContain("secret");
        assertThat(log.list.getFirst().getThrowableProxy()).as("no stack trace with the messages").isNull();
    }

    @Test
    void javaFxsThreadAndAwtsEventThreadGoOnAfterTellingIt() throws Exception {
        RealEnvironment.requireDisplay();
        FxToolkit.registerPrimaryStage();

        Platform.runLater(() -> {
            throw new UnsupportedOperationException(MESSAGE);
        });
        assertThat(next()).isEqualTo(new UncaughtFailures.Failure("JavaFX Application Thread", "UnsupportedOperationException"));
        EventQueue.invokeLater(() -> {
            throw new UnsupportedOperationException(MESSAGE);
        });
        assertThat(next().thread()).startsWith("AWT-EventQueue-");

        BlockingQueue<String> stillRunning = new LinkedBlockingQueue<>();
        Platform.runLater(() -> stillRunning.add("fx"));
        EventQueue.invokeLater(() -> stillRunning.add("awt"));
        assertThat(stillRunning.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
        assertThat(stillRunning.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
        assertThat(log.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain("secret"));
    }

    @Test
    void theRenewalsTasksAreToldTooAndTheSameFailureOnce() throws Exception {
        try (ThreadScheduler scheduler = new ThreadScheduler()) {
            for (int i = 0; i < 3; i++) {
                scheduler.schedule(Duration.ZERO, () -> {
                    throw new NullPointerException(MESSAGE);
                });
            }
            assertThat(next()).isEqualTo(new UncaughtFailures.Failure("renewal", "NullPointerException"));
            scheduler.schedule(Duration.ZERO, () -> {}); // after the three
            assertThat(heard.poll(1, TimeUnit.SECONDS)).as("told once, logged each time").isNull();
            assertThat(log.list).hasSize(3);
        }
    }

    private UncaughtFailures.Failure next() throws InterruptedException {
        UncaughtFailures.Failure failure = heard.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(failure).as("a failure told").isNotNull();
        return failure;
    }
}

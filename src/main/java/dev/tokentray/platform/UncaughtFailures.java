package dev.tokentray.platform;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an exception that no code caught, on any thread of the app: JavaFX's, AWT's
 * event thread, the renewal's, the keychain's. It is logged, and told to whoever listens (the tray
 * app's window says what stopped), so that nothing stops unseen. {@link #install()} makes it every
 * thread's default handler; the app's scheduler hands it the exceptions of its tasks too.
 *
 * <p>The log gets the exception's classes and stack, not its messages: an unexpected exception
 * can quote an answer, a request or a value, and none of those may reach a log.
 */
public final class UncaughtFailures implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UncaughtFailures.class);
    private static final UncaughtFailures INSTANCE = new UncaughtFailures();

    /** Failed work: the thread's name and the exception's class, which the window can show. */
    public record Failure(String thread, String exception) {}

    /** Stops telling a listener. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final List<Consumer<Failure>> listeners = new CopyOnWriteArrayList<>();

    private UncaughtFailures() {}

    /** The one handler of this process, made the default of every thread. */
    public static UncaughtFailures install() {
        Thread.setDefaultUncaughtExceptionHandler(INSTANCE);
        return INSTANCE;
    }

    /**
     * Tells {@code listener} of each failure, once per kind (thread and exception): one that repeats
     * (in a render pulse, a retry loop) would flood a window.
     */
    public Subscription listen(Consumer<Failure> listener) {
        Set<Failure> told = ConcurrentHashMap.newKeySet();
        Consumer<Failure> once = failure -> {
            if (told.add(failure)) {
                listener.accept(failure);
            }
        };
        listeners.add(once);
        return () -> listeners.remove(once);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable exception) {
        LOG.error("An unexpected {} stopped work on the thread '{}':\n{}", exception.getClass().getName(),
                thread.getName(), withoutMessages(exception));
        Failure failure = new Failure(thread.getName(), exception.getClass().getSimpleName());
        for (Consumer<Failure> listener : listeners) {
            try {
                listener.accept(failure);
            } catch (RuntimeException e) {
                LOG.error("Could not show that work stopped: {}", e.getClass().getName());
            }
        }
    }

    /**
     * The stack, and its causes', as a stack trace prints them, without their messages: for a log
     * of an exception whose message nobody checked for secrets.
     */
    public static String withoutMessages(Throwable exception) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = exception; current != null && seen.add(current); current = current.getCause()) {
            text.append(current == exception ? "" : "Caused by: ").append(current.getClass().getName()).append('\n');
            for (StackTraceElement frame : current.getStackTrace()) {
                text.append("\tat ").append(frame).append('\n');
            }
        }
        return text.toString().stripTrailing();
    }
}

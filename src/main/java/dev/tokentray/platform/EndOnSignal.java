package dev.tokentray.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Ends the JVM on SIGTERM, SIGINT and SIGHUP as it would without a handler (its shutdown hooks run,
 * the exit code is 128 + the signal's number), but after one step that must come before the
 * shutdown hooks, which run all at once, in no order.
 *
 * <p>Written with {@code sun.misc.Signal} (module {@code jdk.unsupported}, in the app's runtime), as
 * {@link ChildSignals} is: the JDK has no supported way to run anything before the shutdown hooks.
 * A signal the process ignores (SIGHUP under {@code nohup}) stays ignored: the JVM installs no
 * handler for it.
 */
public final class EndOnSignal {
    private static final Logger LOG = LoggerFactory.getLogger(EndOnSignal.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT", "HUP");
    /** A step that hangs must not keep a {@code kill} from ending the app. */
    private static final Duration STEP_WAIT = Duration.ofSeconds(10);

    private final Runnable first;
    private final AtomicBoolean ending = new AtomicBoolean();

    private EndOnSignal(Runnable first) {
        this.first = first;
    }

    /** @param first runs before the JVM ends on a signal; a second signal meanwhile ends it at once */
    public static void install(Runnable first) {
        EndOnSignal end = new EndOnSignal(first);
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), end::received);
            } catch (IllegalArgumentException unknown) { // Windows has no SIGHUP
                LOG.debug("SIG{} cannot be handled here: {}", name, unknown.getMessage());
            }
        }
    }

    // Each signal comes on a thread of its own.
    private void received(Signal signal) {
        if (ending.compareAndSet(false, true)) {
            LOG.info("SIG{}: the app ends", signal.getName());
            Thread step = Thread.ofPlatform().name("before-the-jvm-ends").daemon().start(first);
            try {
                if (!step.join(STEP_WAIT)) {
                    LOG.warn("The app did not close its windows within {} s of SIG{}; it ends all the same",
                            STEP_WAIT.toSeconds(), signal.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Runtime.getRuntime().exit(128 + signal.getNumber());
    }
}

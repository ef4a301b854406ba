package dev.tokentray.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Passes SIGINT and SIGTERM sent to this process on to a child ({@code exec}'s command): a bot run
 * under the app must hear a stop sent to the app ({@code docker stop}, systemd, {@code kill}), and
 * the app must outlive it, to pass on its exit code.
 *
 * <p>Written with {@code sun.misc.Signal} (module {@code jdk.unsupported}, in the app's runtime)
 * because the JDK has no supported way to do either: without a handler the JVM exits on these
 * signals (shutdown hooks run while it exits, before the child has ended), and {@link Process}
 * sends a child SIGTERM at most, never SIGINT. The child gets the same signal through libc's
 * {@code kill(2)}, by JNA, which the app has for the keychain already.
 *
 * <p>A Ctrl-C typed in a terminal reaches every process of the terminal's foreground group, the
 * child among them: when this process is in that group, SIGINT is not passed on, or the child
 * would get it twice (Python would raise a second KeyboardInterrupt inside its handling of the
 * first). Windows has neither signals nor {@code kill}: a console's Ctrl-C reaches the child
 * directly, so this process only ignores it, and SIGTERM ends the child.
 */
public final class ChildSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ChildSignals.class);
    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");

    private interface LibC extends Library {
        int kill(int pid, int signal);
    }

    private final boolean terminalReachesChild = inTerminalForegroundGroup();
    private Process child; // guarded by this
    private final List<Signal> early = new ArrayList<>(); // guarded by this: came before the child

    private ChildSignals() {}

    /**
     * From now on SIGINT and SIGTERM no longer end this process: they go to the child given to
     * {@link #forwardTo}. Installed before the child starts, so that no signal falls between the
     * two (it would end this process and leave the child running, its exit code lost).
     */
    public static ChildSignals install() {
        ChildSignals signals = new ChildSignals();
        Signal.handle(new Signal("INT"), signals::received);
        Signal.handle(new Signal("TERM"), signals::received);
        return signals;
    }

    /** The child started: it gets the signals from now on, and any that came while it started. */
    public void forwardTo(Process started) {
        List<Signal> waiting;
        synchronized (this) {
            child = started;
            waiting = List.copyOf(early);
            early.clear();
        }
        waiting.forEach(signal -> pass(started, signal));
    }

    private void received(Signal signal) {
        Process target;
        synchronized (this) {
            target = child;
            if (target == null) {
                early.add(signal);
                return;
            }
        }
        pass(target, signal);
    }

    private void pass(Process target, Signal signal) {
        boolean interrupt = signal.getName().equals("INT");
        if (WINDOWS) {
            if (!interrupt) {
                target.destroy();
            }
        } else if (!interrupt || !terminalReachesChild) {
            send(target, signal);
        }
    }

    private static void send(Process child, Signal signal) {
        LOG.info("Passing SIG{} on to the command (process {})", signal.getName(), child.pid());
        LibC libc = Native.load("c", LibC.class);
        if (libc.kill((int) child.pid(), signal.getNumber()) != 0) {
            LOG.warn("Could not pass SIG{} on to process {} (it may have ended)", signal.getName(), child.pid());
        }
    }

    /**
     * Whether this process is in the foreground process group of its controlling terminal: then the
     * terminal's Ctrl-C reaches its children too. Read from {@code /proc/self/stat} (pgrp and tpgid,
     * the 5th and 8th fields, after the command name in parentheses); false where there is none.
     */
    static boolean inTerminalForegroundGroup() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return !fields[5].equals("-1") && fields[2].equals(fields[5]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}

package dev.tokentray.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.RealEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Peer;
import org.junit.jupiter.api.Test;

/** The app's own connections on the test run's session bus, closed while another program calls them. */
class SessionBusTest {
    /** dbus-java's own reply timeout: a close that waits it out was stuck. */
    private static final Duration DBUS_JAVA_REPLY_TIMEOUT = Duration.ofSeconds(20);

    /**
     * As a panel may call the tray icon at any moment, even as the app quits: four programs call
     * the connection's name without pause while it closes.
     */
    @Test
    void aConnectionThatOwnsANameClosesAtOnceWhileItIsCalled() throws Exception {
        RealEnvironment.requireSessionBus();
        String name = "dev.tokentray.test.SessionBus" + ProcessHandle.current().pid();
        DBusConnection owner = DBusConnectionBuilder.forSessionBus().withShared(false).build();
        owner.requestBusName(name);
        DBusConnection caller = DBusConnectionBuilder.forSessionBus().withShared(false).build();
        Peer peer = caller.getRemoteObject(name, "/", Peer.class, false);
        AtomicBoolean calling = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(Thread.ofPlatform().daemon().start(() -> {
                while (calling.get()) {
                    try {
                        peer.Ping();
                        answered.incrementAndGet();
                    } catch (DBusExecutionException gone) {
                        // The name is gone: the callers call on until the close is timed.
                    }
                }
            }));
        }
        while (answered.get() < 100) {
            Thread.onSpinWait();
        }

        long started = System.nanoTime();
        SessionBus.disconnectQuietly(owner);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        calling.set(false);
        for (Thread each : callers) {
            each.join();
        }
        SessionBus.disconnectQuietly(caller);

        assertThat(owner.isConnected()).isFalse();
        assertThat(took).as("the close, with calls coming in").isLessThan(DBUS_JAVA_REPLY_TIMEOUT.dividedBy(4));
    }
}

package dev.tokentray.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Unix domain sockets in a temporary state folder; two claims stand for two launches. */
class SingleInstanceTest {
    @TempDir
    Path temp;

    private final Semaphore showRequests = new Semaphore(0);

    @Test
    void aSecondLaunchAsksTheFirstToShowItsWindowAndStepsBack() throws Exception {
        Path socket = SingleInstance.socketIn(temp.resolve("state"));
        try (SingleInstance _ = SingleInstance.claim(socket, showRequests::release).orElseThrow()) {
            assertThat(SingleInstance.claim(socket, () -> {})).isEmpty();
            assertThat(showRequests.tryAcquire(5, TimeUnit.SECONDS)).as("the first app was asked to show").isTrue();

            assertThat(SingleInstance.claim(socket, () -> {})).isEmpty();
            assertThat(showRequests.tryAcquire(5, TimeUnit.SECONDS)).as("and again, at each launch").isTrue();
        }
    }

    @Test
    void theStateFolderItMakesIsOwnerOnly() throws Exception {
        Path folder = temp.resolve("new").resolve("state");
        try (SingleInstance _ = SingleInstance.claim(SingleInstance.socketIn(folder), () -> {}).orElseThrow()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        }
    }

    @Test
    void aSocketFileLeftByACrashIsReplaced() throws Exception {
        Path socket = SingleInstance.socketIn(temp);
        // A crashed app leaves its socket file behind: closing a channel does not remove the file.
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();

        try (SingleInstance _ = SingleInstance.claim(socket, showRequests::release).orElseThrow()) {
            assertThat(SingleInstance.claim(socket, () -> {})).as("the new app listens on it").isEmpty();
            assertThat(showRequests.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void quittingRemovesTheSocketSoThatTheNextLaunchRuns() throws Exception {
        Path socket = SingleInstance.socketIn(temp);
        SingleInstance.claim(socket, () -> {}).orElseThrow().close();

        assertThat(socket).doesNotExist();
        Optional<SingleInstance> next = SingleInstance.claim(socket, () -> {});
        assertThat(next).isPresent();
        next.get().close();
    }

    @Test
    void aClientThatSaysNothingHoldsUpNoLaterLaunch() throws Exception {
        Path socket = SingleInstance.socketIn(temp);
        try (SingleInstance _ = SingleInstance.claim(socket, showRequests::release).orElseThrow();
                SocketChannel _ = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            long started = System.nanoTime();
            assertThat(SingleInstance.claim(socket, () -> {})).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SingleInstance.ANSWER_TIMEOUT);
            assertThat(showRequests.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}

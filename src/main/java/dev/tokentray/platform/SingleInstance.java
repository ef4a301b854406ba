package dev.tokentray.platform;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running app per user. The first launch listens on a Unix domain socket in the state folder
 * (Linux, macOS and Windows 10 1803+ all have them); a later launch connects, asks it to show its
 * window ({@value #SHOW}) and steps back. A socket file left by a crash refuses connections: it is
 * replaced. The state folder is owner-only, so no other user can reach the socket.
 *
 * <p>The exchange is one short line each way, bounded in time on both sides, so that neither a hung
 * app nor a silent client can hang the other.
 */
public final class SingleInstance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SingleInstance.class);
    public static final String SOCKET_NAME = "instance.sock";
    static final String SHOW = "show";
    static final String DONE = "ok";
    /** A running app answers within milliseconds; one that takes longer is hung. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_LINE = 64;

    private final Path socket;
    private final ServerSocketChannel server;
    private final Runnable onShowRequest;

    private SingleInstance(Path socket, ServerSocketChannel server, Runnable onShowRequest) {
        this.socket = socket;
        this.server = server;
        this.onShowRequest = onShowRequest;
    }

    /** The app's socket in its state folder ({@link AppDirs#state()}). */
    public static Path socketIn(Path stateFolder) {
        return stateFolder.resolve(SOCKET_NAME);
    }

    /**
     * Makes this launch the running app, or, when another one runs, asks it to show its window.
     *
     * @param onShowRequest run on the listener's thread each time a later launch asks; it hands
     *                      over to the UI thread itself
     * @return this launch's claim, to {@link #close()} on quitting; empty when another app runs
     *     (and was asked to come forward): this launch should then end with exit code 0
     * @throws IOException when the socket cannot be made (a path too long for a socket, no
     *     permission)
     */
    public static synchronized Optional<SingleInstance> claim(Path socket, Runnable onShowRequest) throws IOException {
        Path folder = OwnerOnly.directories(socket.toAbsolutePath().getParent());
        // Two launches at once must not both find the socket stale and both bind a new one: the lock
        // makes them take turns (the second then finds the first's socket answering).
        Path lockFile = OwnerOnly.file(folder.resolve(socket.getFileName() + ".lock"));
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock _ = channel.lock()) {
            if (askToShow(socket)) {
                return Optional.empty();
            }
            Files.deleteIfExists(socket); // left by an app that crashed: nothing answers on it
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                server.close();
                throw new IOException("Cannot listen on " + socket + ": " + e.getMessage(), e);
            }
            SingleInstance instance = new SingleInstance(socket, server, onShowRequest);
            // A virtual thread: it waits for a launch all day, and a platform thread would hold its stack for that.
            Thread.ofVirtual().name("single-instance").start(instance::listen);
            return Optional.of(instance);
        }
    }

    /** True when an app listens on {@code socket}: it was asked to show its window. */
    private static boolean askToShow(Path socket) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            try {
                connect(channel, socket, deadline);
            } catch (IOException noneListening) {
                return false; // no socket file, or a stale one: connection refused
            }
            writeLine(channel, SHOW);
            if (readLine(channel, deadline).filter(DONE::equals).isEmpty()) {
                // It holds the socket, so it runs: a second app beside it would only confuse.
                LOG.warn("The running Upstox Token Tray did not answer within {} s; if it hangs, end it and start"
                        + " the app again", ANSWER_TIMEOUT.toSeconds());
            }
            return true;
        }
    }

    private void listen() {
        while (true) {
            try {
                SocketChannel client = server.accept();
                // Each on its own thread: a client that connects and says nothing holds up no one.
                Thread.ofVirtual().name("single-instance-client").start(() -> serve(client));
            } catch (ClosedChannelException closed) {
                return; // close(): the app quits
            } catch (IOException | RuntimeException e) {
                LOG.warn("The single-instance socket failed to accept a launch: {}", e.toString());
                pause(); // a lasting failure (no file handles left) must not spin
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(ANSWER_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            if (readLine(client, System.nanoTime() + ANSWER_TIMEOUT.toNanos()).filter(SHOW::equals).isPresent()) {
                writeLine(client, DONE); // first, so that the new launch ends at once, whatever the UI does
                onShowRequest.run();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("A later launch's request failed: {}", e.toString());
        }
    }

    private static void connect(SocketChannel channel, Path socket, long deadline) throws IOException {
        channel.configureBlocking(false);
        if (channel.connect(UnixDomainSocketAddress.of(socket))) {
            return;
        }
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_CONNECT);
            while (!channel.finishConnect()) {
                if (!waitFor(selector, deadline)) {
                    throw new IOException("No connection within " + ANSWER_TIMEOUT.toMillis() + " ms");
                }
            }
        }
    }

    /** A line of a few bytes fits a fresh socket's buffer whole: the write never waits. */
    private static void writeLine(SocketChannel channel, String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** One line of at most {@value #MAX_LINE} bytes; empty when the other side is silent, closes or sends too much. */
    private static Optional<String> readLine(SocketChannel channel, long deadline) throws IOException {
        channel.configureBlocking(false);
        ByteBuffer bytes = ByteBuffer.allocate(MAX_LINE);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (bytes.hasRemaining()) {
                if (!waitFor(selector, deadline) || channel.read(bytes) < 0) {
                    return Optional.empty();
                }
                for (int i = 0; i < bytes.position(); i++) {
                    if (bytes.get(i) == '\n') {
                        return Optional.of(new String(bytes.array(), 0, i, StandardCharsets.US_ASCII));
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** Waits until the channel is ready; false when the deadline came first. */
    private static boolean waitFor(Selector selector, long deadline) throws IOException {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (millis <= 0 || selector.select(millis) == 0) {
            return false;
        }
        selector.selectedKeys().clear();
        return true;
    }

    /** Stops listening and removes the socket, so that the next launch starts without a stale file. */
    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}

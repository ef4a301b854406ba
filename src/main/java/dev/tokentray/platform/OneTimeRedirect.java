package dev.tokentray.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local address that sends the browser on to another, once: what {@link BrowserOpener} hands
 * the browser, so that the address it leads to (Upstox's login dialog, with the login's
 * {@code state}) never appears on a command line, which every local user can read
 * ({@code /proc/PID/cmdline}). The address is {@code http://127.0.0.1:PORT/} and 256 random bits;
 * the first GET there gets a redirect, then nothing listens any more. Unused, it stops listening
 * after its lifetime.
 *
 * <p>By the JDK's own HTTP server, as the loopback listener of the browser login: one redirect
 * needs no more.
 */
final class OneTimeRedirect implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final String path;
    private final URI target;
    private final AtomicBoolean used = new AtomicBoolean();

    private OneTimeRedirect(HttpServer server, String path, URI target) {
        this.server = server;
        this.path = path;
        this.target = target;
    }

    /** Listens at once, on a port of the kernel's choice; stops after the first redirect or {@code lifetime}. */
    static OneTimeRedirect to(URI target, Duration lifetime) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        OneTimeRedirect redirect = new OneTimeRedirect(server,
                "/" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), target);
        server.createContext("/", redirect::handle);
        server.start();
        CompletableFuture.delayedExecutor(lifetime.toMillis(), TimeUnit.MILLISECONDS).execute(redirect::close);
        return redirect;
    }

    /** The address to open instead of the target. */
    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            if (!path.equals(exchange.getRequestURI().getRawPath()) || !"GET".equals(exchange.getRequestMethod())
                    || !used.compareAndSet(false, true)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Location", target.toString());
            exchange.sendResponseHeaders(303, -1);
        }
        // Not on the server's own thread, which stop() waits for; the answer has gone out.
        Thread.ofVirtual().start(this::close);
    }

    /** Stops listening: the address leads nowhere any more. */
    @Override
    public void close() {
        server.stop(0);
    }
}

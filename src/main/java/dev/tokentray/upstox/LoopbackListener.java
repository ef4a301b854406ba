package dev.tokentray.upstox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tokentray.upstox.BrowserLoginException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, for one browser login, for the browser to come back to a loopback redirect URI
 * ({@code http://127.0.0.1:5055/callback}, {@code http://localhost:PORT/...}, {@code http://[::1]:PORT/...}).
 *
 * <p>It listens on the loopback address only, at that port, and takes requests on that path only:
 * nothing off this machine can reach it. The first request with this login's {@code state} and a
 * code gets a "You can close this tab" page, and its code ends the wait; then the listener closes,
 * so that a second request finds nothing listening. A request with another state or without a
 * code gets an error page, and the wait goes on (a stale tab, or a page that is not Upstox's). An
 * {@code error} from Upstox with this login's state ends the wait with it. The wait is bounded:
 * at the timeout the listener closes by itself.
 */
public final class LoopbackListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackListener.class);

    /** Long enough to log in on Upstox's page by hand, short enough that a forgotten login does not hold the port. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final URI address;
    private final String path;
    private final String state;
    private final Duration timeout;
    private final List<HttpServer> servers;
    private final ExecutorService handlers;
    private final CompletableFuture<AuthorizationCode> result = new CompletableFuture<>();
    private final AtomicBoolean taken = new AtomicBoolean();
    private boolean stopped;

    private LoopbackListener(URI address, String state, Duration timeout, List<HttpServer> servers,
            ExecutorService handlers) {
        this.address = address;
        this.path = normalisedPath(address.getRawPath());
        this.state = state;
        this.timeout = timeout;
        this.servers = servers;
        this.handlers = handlers;
    }

    /** True for {@code http} on a loopback host (a literal address, or {@code localhost}): where the app may listen. */
    public static boolean canListenAt(URI redirectUri) {
        return redirectUri != null && "http".equalsIgnoreCase(redirectUri.getScheme())
                && UpstoxHosts.isLoopback(redirectUri.getHost());
    }

    /**
     * Starts listening at once; the wait ends with the first code, an error from Upstox, the
     * timeout, or {@link #close()}.
     *
     * @throws IllegalArgumentException when {@code redirectUri} is not a loopback address
     * @throws IOException              when the port cannot be had, with a message that says so
     */
    static LoopbackListener start(URI redirectUri, String state, Duration timeout) throws IOException {
        if (!canListenAt(redirectUri)) {
            throw new IllegalArgumentException("The app listens on http loopback addresses only, not " + redirectUri);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The browser login needs some time to wait, not " + timeout);
        }
        int port = redirectUri.getPort() == -1 ? 80 : redirectUri.getPort();
        List<HttpServer> servers = new ArrayList<>();
        ExecutorService handlers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("browser-login-listener-", 0).factory());
        InetAddress current = null;
        try {
            for (InetAddress loopback : bindAddresses(redirectUri.getHost())) {
                current = loopback;
                try {
                    servers.add(HttpServer.create(new InetSocketAddress(loopback, port), 0));
                } catch (IOException e) {
                    // localhost on a machine without IPv6: 127.0.0.1 is enough. Where there is
                    // IPv6, a browser may well go to [::1], and a program there would get the code.
                    if (loopback instanceof Inet6Address && !servers.isEmpty() && !hasIpv6Loopback()) {
                        LOG.info("This machine has no IPv6 loopback: listening on 127.0.0.1:{} alone", port);
                        continue;
                    }
                    throw e;
                }
            }
        } catch (IOException e) {
            // The JDK's server lets its port go only once started: unstarted, stop() leaves it bound.
            servers.forEach(server -> {
                server.start();
                server.stop(0);
            });
            handlers.shutdownNow();
            String where = current instanceof Inet6Address ? "[::1]:" + port : "port " + port;
            throw new IOException("Cannot listen on " + redirectUri + " for the browser login: " + (e instanceof BindException
                    ? where + " is in use by another program, or needs rights this user lacks"
                    : e.getMessage()) + ".", e);
        }
        LoopbackListener listener = new LoopbackListener(redirectUri, state, timeout, servers, handlers);
        for (HttpServer server : servers) {
            server.createContext("/", listener::handle);
            server.setExecutor(handlers);
            server.start();
        }
        // Bounded: at the timeout the listener closes whether or not anyone still waits for it.
        listener.result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((code, failure) -> Thread.ofVirtual().start(listener::stop));
        LOG.info("Waiting up to {} s for the browser login on {}", timeout.toSeconds(), redirectUri);
        return listener;
    }

    /** {@code localhost} may be either loopback address to a browser, so both are listened on; a literal is itself. */
    private static List<InetAddress> bindAddresses(String host) throws IOException {
        if ("localhost".equalsIgnoreCase(host)) {
            return List.of(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}),
                    InetAddress.getByAddress("localhost", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        }
        InetAddress literal = InetAddress.getByName(host);
        if (!literal.isLoopbackAddress()) {
            throw new IllegalArgumentException(host + " is not a loopback address");
        }
        return List.of(literal);
    }

    /** Whether this machine can listen on [::1] at all (IPv6 can be switched off, or absent in a container). */
    private static boolean hasIpv6Loopback() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The redirect URI listened on. */
    public URI address() {
        return address;
    }

    /**
     * Waits for the browser, then closes the listener.
     *
     * @return the first code that came with this login's state
     * @throws BrowserLoginException  when Upstox sent an error instead, or the timeout passed
     * @throws InterruptedException   when the waiting thread is interrupted (the listener closes)
     * @throws CancellationException  when {@link #close()} ended the wait (the trader cancelled)
     */
    public AuthorizationCode awaitCode() throws BrowserLoginException, InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BrowserLoginException failure) {
                throw failure;
            }
            if (e.getCause() instanceof TimeoutException) {
                throw new BrowserLoginException(Reason.TIMED_OUT, "The browser did not come back to " + address
                        + " within " + describe(timeout) + ". Start the browser login again. If the browser ended on a"
                        + " page that could not be reached, check that the redirect URI in the settings is exactly the"
                        + " one registered for your app in the Upstox developer console.");
            }
            throw new IllegalStateException("The browser login's listener failed", e.getCause());
        } finally {
            close();
        }
    }

    /** Stops listening at once; a wait still running ends with a {@link CancellationException}. */
    @Override
    public void close() {
        result.cancel(false);
        stop();
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        servers.forEach(server -> server.stop(0));
        handlers.shutdownNow();
        LOG.info("Stopped listening on {}", address);
    }

    /** What a request decided, acted on once its answer is sent, so that the page reaches the browser first. */
    private record Decision(int status, String page, AuthorizationCode code, BrowserLoginException failure, String log) {}

    private void handle(HttpExchange exchange) {
        Decision decision = decide(exchange);
        try (exchange) {
            byte[] body = decision.page().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(decision.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            LOG.debug("The browser went before its answer was sent: {}", e.getMessage());
        }
        // The path only: the query holds the code.
        LOG.info("Browser login: {} {} -> {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                decision.log());
        if (decision.code() != null) {
            result.complete(decision.code());
        } else if (decision.failure() != null) {
            result.completeExceptionally(decision.failure());
        }
    }

    private Decision decide(HttpExchange exchange) {
        if (!normalisedPath(exchange.getRequestURI().getRawPath()).equals(path)) {
            return new Decision(404, CallbackPages.notHere(), null, null, "not the redirect path");
        }
        if (!"GET".equals(exchange.getRequestMethod().toUpperCase(Locale.ROOT))) {
            return new Decision(405, CallbackPages.notHere(), null, null, "not a GET");
        }
        AuthorizationCode code;
        try {
            code = CallbackQuery.read(QueryStrings.parameters(exchange.getRequestURI().getRawQuery()), state, true);
        } catch (BrowserLoginException e) {
            return switch (e.reason()) {
                case WRONG_STATE -> new Decision(400, CallbackPages.wrongState(), null, null, "not this login's state");
                case REFUSED_BY_UPSTOX -> taken.compareAndSet(false, true)
                        ? new Decision(400, CallbackPages.refused(e.getMessage()), null, e, "an error from Upstox")
                        : new Decision(409, CallbackPages.alreadyDone(), null, null, "after the login ended");
                case NO_CODE, TIMED_OUT, CANNOT_LISTEN -> new Decision(400, CallbackPages.noCode(), null, null, "no code");
            };
        }
        return taken.compareAndSet(false, true)
                ? new Decision(200, CallbackPages.done(), code, null, "a code")
                : new Decision(409, CallbackPages.alreadyDone(), null, null, "a code after the login ended");
    }

    /** Upstox sends the browser to the registered address exactly; a trailing slash is not worth a failed login. */
    private static String normalisedPath(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}

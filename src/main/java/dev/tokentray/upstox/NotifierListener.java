package dev.tokentray.upstox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of Upstox's Notifier Webhook: takes the POSTs at one path on one address,
 * reads each as an {@link ApprovalNotice} and answers what the {@link Receiver} decided. Upstox
 * needs a public HTTPS address, so this listens behind the trader's reverse proxy, on loopback
 * unless told otherwise. Other paths get 404, other methods 405, a body that is no notice 400.
 * Written on the JDK's HTTP server, as the simulator and the browser login's listener are: one
 * path and one method need no framework.
 */
public final class NotifierListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierListener.class);
    /** A notice is a few hundred bytes; anything far larger is not one. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    /** What was decided about a notice: its HTTP status and a short reason, never a secret. */
    public record Verdict(int status, String reason) {
        public Verdict {
            Objects.requireNonNull(reason, "reason");
        }

        public static Verdict accepted(String reason) {
            return new Verdict(200, reason);
        }

        public boolean isAccepted() {
            return status / 100 == 2;
        }
    }

    /** Decides what becomes of a notice; runs on the listener's threads. */
    @FunctionalInterface
    public interface Receiver {
        Verdict receive(ApprovalNotice notice);
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final String path;
    private final Receiver receiver;

    private NotifierListener(HttpServer server, ExecutorService handlers, String path, Receiver receiver) {
        this.server = server;
        this.handlers = handlers;
        this.path = path;
        this.receiver = receiver;
    }

    /**
     * Listens at once.
     *
     * @param path the path Upstox POSTs to, as the reverse proxy passes it on ({@code /upstox/notifier})
     * @throws IOException when the address cannot be had
     */
    public static NotifierListener start(InetSocketAddress address, String path, Receiver receiver) throws IOException {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("The notifier path starts with a slash, like /upstox/notifier; got " + path);
        }
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService handlers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("notifier-", 0).factory());
        NotifierListener listener = new NotifierListener(server, handlers, path, receiver);
        server.createContext("/", listener::handle);
        server.setExecutor(handlers);
        server.start();
        LOG.info("Receiving Upstox's approval notices at http://{}:{}{}", address.getHostString(), listener.port(), path);
        return listener;
    }

    /** The port it listens on (the one asked for, or the one given for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Verdict verdict = verdict(exchange);
            // The path and the outcome only: the body carries the token.
            LOG.info("Notifier {} {} from {}: HTTP {}, {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRemoteAddress().getAddress().getHostAddress(), verdict.status(), verdict.reason());
            byte[] body = Answer.JSON.createObjectNode()
                    .put("status", verdict.isAccepted() ? "success" : "error")
                    .put("message", verdict.reason()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(verdict.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Verdict verdict(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(path)) {
            return new Verdict(404, "nothing here");
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            return new Verdict(405, "POST only");
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return new Verdict(413, "too large for a notice");
        }
        ApprovalNotice notice;
        try {
            notice = ApprovalNotice.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Verdict(400, e.getMessage());
        }
        try {
            return receiver.receive(notice);
        } catch (RuntimeException e) {
            LOG.error("Receiving an approval notice failed", e);
            return new Verdict(500, "the notice could not be handled");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}

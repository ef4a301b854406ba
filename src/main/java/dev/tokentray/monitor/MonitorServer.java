package dev.tokentray.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tokentray.renew.RenewalSchedule;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator's tools read of the headless renewer ({@code run --headless --listen}):
 * {@code /healthz} (200 or 503, with a one-line JSON reason, see {@link Health}) and
 * {@code /metrics} in Prometheus's text format ({@link RenewalMetrics}, served by the Prometheus
 * client's own handler). One JDK HTTP server for both; the command loads this class, and with it
 * the Prometheus client, only when {@code --listen} is given.
 */
public final class MonitorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorServer.class);

    private final HttpServer server;
    private final ExecutorService handlers;

    private MonitorServer(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /**
     * Serves the accounts' health and metrics at {@code address}.
     *
     * @throws IOException when the address cannot be had
     */
    public static MonitorServer start(InetSocketAddress address, List<RenewalSchedule> accounts, Clock clock)
            throws IOException {
        RenewalMetrics metrics = new RenewalMetrics(clock);
        accounts.forEach(metrics::add);
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("monitor-", 0).factory());
        server.createContext("/metrics", new MetricsHandler(metrics.registry()));
        server.createContext("/healthz", exchange -> health(exchange, accounts, clock));
        server.setExecutor(handlers);
        server.start();
        LOG.info("Serving /healthz and /metrics on http://{}:{}", address.getHostString(), server.getAddress().getPort());
        return new MonitorServer(server, handlers);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, List<RenewalSchedule> accounts, Clock clock) throws IOException {
        try (exchange) {
            Health health = Health.of(accounts.stream().map(RenewalSchedule::state).toList(), clock.instant());
            byte[] body = (health.json() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(health.healthy() ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}

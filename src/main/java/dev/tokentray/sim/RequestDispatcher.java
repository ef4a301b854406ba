package dev.tokentray.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request passes here: it is counted, meets the injected fault of its step (a gateway
 * sits in front of all of Upstox, so a fault hits before routing), and else reaches the
 * endpoint, if that is live in this variant. Each request is logged at debug level by path and
 * outcome, never with its query or body, which carry secrets.
 */
final class RequestDispatcher implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    private static final String BOT_WALL_PAGE = """
            <HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>
            <H1>Access Denied</H1>
            You don't have permission to access this server.<P>
            Reference #18.simulator
            </BODY></HTML>
            """;

    /** Words no client can know: the injected error of a login that changed. */
    static final String UNKNOWN_MESSAGE = "Request could not be processed (simulated unknown error)";

    private final BiFunction<Endpoint, Request, Reply> endpoints;
    private final EndpointVariant variant;
    private final FaultInjector faults;
    private final SimulatorCounters counters;

    RequestDispatcher(BiFunction<Endpoint, Request, Reply> endpoints, EndpointVariant variant, FaultInjector faults,
            SimulatorCounters counters) {
        this.endpoints = endpoints;
        this.variant = variant;
        this.faults = faults;
        this.counters = counters;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // Closing an exchange that has sent nothing drops the connection: that is the reset fault.
        try (exchange) {
            Request request = Request.read(exchange);
            Optional<Endpoint> endpoint = Endpoint.at(request.path());
            endpoint.ifPresent(counters::requestArrived);
            Optional<Fault> fault = endpoint.flatMap(Endpoint::step).flatMap(faults::nextFor);
            if (fault.isEmpty()) {
                respond(exchange, request, endpoint, "");
                return;
            }
            switch (fault.get()) {
                case Fault.ConnectionReset _ -> log(request, "connection closed unanswered (injected)");
                case Fault.Status status -> send(exchange, request, new Reply.Empty(status.code()), " (injected)");
                case Fault.UnknownError unknown -> send(exchange, request, new Reply.Json(unknown.status(),
                        new Reply.ServiceFailure(false, new Reply.ServiceError(ErrorCodes.UNKNOWN, UNKNOWN_MESSAGE))),
                        " unknown error (injected)");
                case Fault.BotWall _ -> send(exchange, request, new Reply.Html(200, BOT_WALL_PAGE), " bot wall (injected)");
                case Fault.Delay delay -> {
                    if (paused(delay)) {
                        respond(exchange, request, endpoint, " after " + delay.pause() + " (injected)");
                    }
                }
            }
        }
    }

    private void respond(HttpExchange exchange, Request request, Optional<Endpoint> endpoint, String note)
            throws IOException {
        try {
            send(exchange, request, route(endpoint, request), note);
        } catch (Rejected rejected) {
            send(exchange, request, rejected.reply(), " " + rejected.code() + note);
        } catch (RuntimeException bug) {
            // Answered like a server in trouble, and logged loudly: a bug must not pass for a fault.
            LOG.error("{} {} failed", request.method(), request.path(), bug);
            send(exchange, request, new Reply.Empty(500), note);
        }
    }

    private Reply route(Optional<Endpoint> endpoint, Request request) {
        if (endpoint.isEmpty() || !endpoint.get().isLiveIn(variant)) {
            return new Reply.Empty(404);
        }
        if (!endpoint.get().method().equals(request.method())) {
            return new Reply.Empty(405);
        }
        return endpoints.apply(endpoint.get(), request);
    }

    private static void send(HttpExchange exchange, Request request, Reply reply, String note) throws IOException {
        reply.writeTo(exchange);
        log(request, reply.status() + note);
    }

    /** False when the simulator is stopping: the request then goes unanswered. */
    private static boolean paused(Fault.Delay delay) {
        try {
            Thread.sleep(delay.pause());
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void log(Request request, String outcome) {
        LOG.debug("{} {} -> {}", request.method(), request.path(), outcome);
    }
}

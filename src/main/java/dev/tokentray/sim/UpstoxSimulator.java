package dev.tokentray.sim;

import com.sun.net.httpserver.HttpServer;
import dev.tokentray.upstox.UpstoxHosts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * A stand-in for Upstox's login and token endpoints on one loopback port: it plays the API and
 * the login service hosts at once (their paths do not collide), for one account or several (each
 * with its own API key, mobile number and lock), as described in ../shared/upstox-login-protocol.md.
 * Tests, the {@code simulator} command and demo mode use it; {@link #faults()} makes it misbehave
 * and {@link #counters()} tells what reached it.
 *
 * <pre>{@code
 * try (UpstoxSimulator simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock))) {
 *     login(simulator.hosts(), simulator.account().credentials());
 * }
 * }</pre>
 */
public final class UpstoxSimulator implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;
    private final List<SimulatedAccount> accounts;
    private final KnownAccounts known;
    private final FaultInjector faults;
    private final SimulatorCounters counters;
    private final IssuedTokens tokens;
    private final Approvals approvals;

    private UpstoxSimulator(HttpServer server, ExecutorService executor, SimulatorConfig config) {
        this.server = server;
        this.executor = executor;
        this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        this.accounts = config.accounts();
        this.known = new KnownAccounts(accounts, config.otpRateLimit(), config.clock());
        this.faults = new FaultInjector(config.faultSeed());
        this.counters = new SimulatorCounters();
        this.tokens = new IssuedTokens(config.tokenLifetime(), config.revokeAfter(), config.clock(), counters);
        this.approvals = new Approvals(known, tokens, counters, config.approvals(), config.clock());
    }

    /** Starts listening on 127.0.0.1 only: the simulator hands out tokens for a known login, so nothing off this machine may reach it. */
    public static UpstoxSimulator start(SimulatorConfig config) throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, config.port()), 0);
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("upstox-simulator-", 0).factory());
        UpstoxSimulator simulator = new UpstoxSimulator(server, executor, config);
        server.createContext("/", new RequestDispatcher(
                simulator.endpoints(config), config.variant(), simulator.faults, simulator.counters));
        server.setExecutor(executor);
        server.start();
        return simulator;
    }

    private BiFunction<Endpoint, Request, Reply> endpoints(SimulatorConfig config) {
        Clock clock = config.clock();
        LoginSessions sessions = new LoginSessions(clock);
        AuthCodes codes = new AuthCodes(clock, counters);

        DialogHandler dialog = new DialogHandler(known, sessions, baseUri);
        OtpHandler otp = new OtpHandler(known, sessions, counters, clock);
        PinHandler pin = new PinHandler(known, sessions, counters, clock, baseUri);
        AuthorizeHandler authorize = new AuthorizeHandler(known, sessions, codes);
        LoginFormHandler form = new LoginFormHandler(known, sessions, otp, pin, codes);
        TokenHandler token = new TokenHandler(known, codes, tokens, counters);
        UserHandler user = new UserHandler(known, tokens);
        // A switch without default: a new endpoint does not compile until it has its handler.
        return (endpoint, request) -> switch (endpoint) {
            case DIALOG -> dialog.open(request);
            case LOGIN_PAGE -> form.page(request);
            case LOGIN_FORM -> form.submit(request);
            case OTP_GENERATE -> otp.generate(request);
            case OTP_VERIFY_V5 -> otp.verifyV5(request);
            case OTP_VERIFY_V4 -> otp.verifyV4(request);
            case PIN_V4 -> pin.submitV4(request);
            case PIN_V3 -> pin.submitV3(request);
            case PIN_REDIRECT -> authorize.followPinRedirect(request);
            case AUTHORIZE -> authorize.authorize(request);
            case TOKEN -> token.exchange(request);
            case PROFILE -> user.profile(request);
            case LOGOUT -> user.logout(request);
            case USER_IP -> user.changeIp(request);
            case TOKEN_REQUEST -> approvals.request(request);
            case SIMULATOR_APPROVE -> approvals.approveByRequest();
        };
    }

    /** {@code http://127.0.0.1:PORT}, the base of both hosts. */
    public URI baseUri() {
        return baseUri;
    }

    /** Both Upstox hosts, pointed at this simulator, for a login client. */
    public UpstoxHosts hosts() {
        return UpstoxHosts.both(baseUri);
    }

    /** The first account: the one of a simulator with one account. */
    public SimulatedAccount account() {
        return accounts.getFirst();
    }

    public List<SimulatedAccount> accounts() {
        return accounts;
    }

    public FaultInjector faults() {
        return faults;
    }

    public SimulatorCounters counters() {
        return counters;
    }

    /**
     * The trader approves the open approval request: a new token goes to the Notifier Webhook.
     *
     * @throws IllegalStateException when no request is open (none came, or it expired), or no webhook is set
     * @throws IOException           when the webhook could not be reached
     */
    public ApprovalDelivery approve() throws IOException, InterruptedException {
        return approvals.approve();
    }

    /** Ends every live token of every account, as a change of their static IPs does; returns how many. */
    public int revokeAllTokens() {
        return tokens.revokeAll();
    }

    /** Stops at once; requests held by a delay fault end unanswered. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

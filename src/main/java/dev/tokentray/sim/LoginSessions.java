package dev.tokentray.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login sessions, found by their cookie. A session ends when it yields a code; sessions
 * abandoned halfway (a fault, a wrong PIN) are dropped after an hour, so that a long soak run
 * does not grow the heap.
 */
final class LoginSessions {
    static final String COOKIE = "SIM_LOGIN_SESSION";
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final Map<String, SimulatedSession> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginSessions(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param userId the account of the dialog
     * @param state  the dialog's {@code state}, to send back with the code; null when it had none
     */
    SimulatedSession open(String userId, String state) {
        byId.values().removeIf(session -> session.openedAt().plus(ABANDONED_AFTER).isBefore(clock.instant()));
        SimulatedSession session = SimulatedSession.opened(RandomIds.next(32), userId, clock.instant(), state);
        byId.put(session.id(), session);
        return session;
    }

    /** The {@code Set-Cookie} value that carries the session, as a browser would keep it. */
    static String cookieFor(SimulatedSession session) {
        return COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Lax";
    }

    /** The request's session, if its cookie names one. */
    Optional<SimulatedSession> of(Request request) {
        return request.cookie(COOKIE).map(byId::get);
    }

    /**
     * The request's session, when it has reached {@code stage}.
     *
     * @throws Rejected when the cookie is missing or unknown, or the session is not that far
     */
    SimulatedSession require(Request request, SimulatedSession.Stage stage) {
        SimulatedSession session = request.cookie(COOKIE).map(byId::get)
                .orElseThrow(() -> Rejected.service(ErrorCodes.GENERIC,
                        "No login session: open the login dialog first and send its cookie"));
        if (!session.reached(stage)) {
            throw Rejected.service(ErrorCodes.GENERIC, "This login has not reached " + stage + " yet");
        }
        return session;
    }

    void update(SimulatedSession session) {
        byId.replace(session.id(), session);
    }

    void end(SimulatedSession session) {
        byId.remove(session.id());
    }
}

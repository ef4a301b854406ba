package dev.tokentray.renew;

import java.time.Instant;

/** What the renewal policy decided for the schedule. */
public sealed interface Plan {

    /** Log in at {@code at} (now, or later: the window's opening, a backoff, a wait Upstox asked for). */
    record RenewAt(Instant at) implements Plan {}

    /** The token is good until {@code until}; the login that replaces it is planned for {@code renewAt}. */
    record WaitForExpiry(Instant until, Instant renewAt) implements Plan {}

    /** No automatic login until the trader acts: {@code why} says what happened and what to do. */
    record Stopped(String why) implements Plan {}

    /** The trader switched automatic renewal off. */
    record Off() implements Plan {}
}

package dev.tokentray.renew;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What the renewal policy decided for the schedule. */
public sealed interface Plan {

    /** Log in at {@code at} (now, or later: the window's opening, a backoff, a wait Upstox asked for). */
    record RenewAt(Instant at) implements Plan {}

    /**
     * The token is good until {@code until}; the login that replaces it is planned for {@code renewAt}.
     *
     * @param note what the trader should know about it, in words: that the token came from the
     *             browser login and the automatic login tries again at {@code renewAt}
     */
    record WaitForExpiry(Instant until, Instant renewAt, Optional<String> note) implements Plan {
        public WaitForExpiry {
            Objects.requireNonNull(note, "note");
        }

        public WaitForExpiry(Instant until, Instant renewAt) {
            this(until, renewAt, Optional.empty());
        }
    }

    /**
     * No automatic login until the trader acts: {@code why} says what happened and what to do.
     *
     * @param rejectionId present when Upstox rejected the stored credentials (or may have): the
     *                    rejection that a retry needs the trader's confirmation of (a browser login
     *                    since does not change that)
     */
    record Stopped(String why, Optional<String> rejectionId) implements Plan {
        public Stopped {
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(rejectionId, "rejectionId");
        }

        public Stopped(String why) {
            this(why, Optional.empty());
        }

        public boolean credentialsRejected() {
            return rejectionId.isPresent();
        }
    }

    /**
     * An approval request went out at {@code requestedAt}: the token comes when the trader approves
     * it, until {@code expiresAt}. Unanswered, it is not sent again by itself before
     * {@code nextRequest} (the window's next opening on another day), so that the trader's phone
     * is not prompted over and over; a request by hand goes out at any time.
     */
    record AwaitApproval(Instant requestedAt, Instant expiresAt, Instant nextRequest) implements Plan {}

    /** The trader switched automatic renewal off. */
    record Off() implements Plan {}
}

package dev.tokentray.output;

import dev.tokentray.postgres.AuditDatabase.AuditedAttempt;

/**
 * An output that records every login attempt beside the tokens: the audit trail. Its lane hands it
 * each attempt at once and then calls {@link #deliverAttempts} (or {@link #deliver}, which writes the
 * attempts kept first), retried with backoff like any call, so that an attempt waits in memory
 * while the output cannot be reached.
 */
interface AttemptOutput extends TokenOutput {

    /** Keeps the attempt for the next call; quick, on the renewal's thread. */
    void queue(AuditedAttempt attempt);

    /** Writes the attempts kept. */
    void deliverAttempts() throws OutputException, InterruptedException;
}

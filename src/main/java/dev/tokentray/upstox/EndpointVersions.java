package dev.tokentray.upstox;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a step's endpoint versions, newest first: only a 404 or 405 ("this version is gone")
 * moves on to the next one, so that no other failure is ever retried against another version.
 * Shared by the TOTP login and the token exchange of the browser login.
 */
final class EndpointVersions {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointVersions.class);

    private EndpointVersions() {}

    @FunctionalInterface
    interface Call<V, R> {
        R call(V version) throws StepFailedException, InterruptedException;
    }

    static <V, R> R firstLive(LoginStep step, List<V> versions, Call<V, R> call)
            throws StepFailedException, InterruptedException {
        for (V version : versions) {
            try {
                return call.call(version);
            } catch (EndpointGoneException e) {
                LOG.info("{}: endpoint version {} is gone ({}), trying the next one", step, version, e.getMessage());
            }
        }
        throw new StepFailedException(FailureMessages.protocolChanged(step, "no version of its endpoint answers"));
    }

    /** Marks an answer that says "this endpoint version is gone", which {@link #firstLive} steps over. */
    static Answer live(Answer answer) throws EndpointGoneException {
        if (answer.endpointGone()) {
            throw new EndpointGoneException(answer.step(), answer.status());
        }
        return answer;
    }

    static final class EndpointGoneException extends StepFailedException {
        private static final long serialVersionUID = 1L;

        EndpointGoneException(LoginStep step, int status) {
            super(FailureMessages.protocolChanged(step, "its endpoint answered HTTP " + status));
        }
    }
}

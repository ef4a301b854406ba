package dev.tokentray.upstox;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a step's endpoint versions, newest first. Only a first answer that says "this version is
 * gone" (a 404 or 405 without an error of Upstox's) moves on to the next version. Once a version
 * answered otherwise, the request reached a live endpoint, with whatever it carried (the PIN, the
 * TOTP code): everything after that, the reading of the answer and the requests it leads to, is
 * final, so that no value is ever sent to a second version. Shared by the TOTP login and the
 * token exchange of the browser login.
 */
final class EndpointVersions {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointVersions.class);

    private EndpointVersions() {}

    /** The step's one request to a version. */
    @FunctionalInterface
    interface Send<V> {
        Answer send(V version) throws StepFailedException, InterruptedException;
    }

    /** What the step makes of a live version's answer. */
    @FunctionalInterface
    interface Read<V, R> {
        R read(V version, Answer answer) throws StepFailedException, InterruptedException;
    }

    static <V, R> R firstLive(LoginStep step, List<V> versions, Send<V> send, Read<V, R> read)
            throws StepFailedException, InterruptedException {
        for (V version : versions) {
            Answer answer = send.send(version);
            if (!answer.endpointGone()) {
                return read.read(version, answer);
            }
            LOG.info("{}: endpoint version {} is gone (HTTP {}), trying the next one", step, version, answer.status());
        }
        throw new StepFailedException(FailureMessages.protocolChanged(step, "no version of its endpoint answers"));
    }
}

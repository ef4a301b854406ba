package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.ApprovalNotice;
import dev.tokentray.upstox.NotifierListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes Upstox's webhook notices for the accounts of this renewer: a notice is taken only for a
 * request one of them made and that is still open (its client id, its user, before its
 * {@code authorization_expiry}), and only once Upstox confirmed the token works. Anything else is
 * refused with a 4xx, and nothing of it is stored: the webhook has no authentication of its own,
 * so anyone who finds its address can POST to it.
 */
public final class ApprovalInbox implements NotifierListener.Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalInbox.class);
    /** For the way from Upstox to here, and clocks a little apart. */
    public static final Duration GRACE = Duration.ofSeconds(30);

    /** Stores a taken token: through the account's renewal service, or, in a command, the approval login itself. */
    @FunctionalInterface
    public interface Completion {
        FetchedToken complete(PendingApproval request, AccessToken token) throws Exception;
    }

    /** How long a notice waits for its account's service to store the token, before the answer says only "accepted". */
    static final Duration STORING = Duration.ofSeconds(30);

    /** The completion of an account with a renewal service: the service stores the token, and its listeners hear of it. */
    public static Completion through(RenewalSchedule service) {
        return (request, token) -> {
            try {
                return service.completeApproval(request, token).get(STORING.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        };
    }

    /** An account that can receive a token by approval. */
    public record Account(ApprovalLogin login, Completion completion) {
        public Account {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(completion, "completion");
        }
    }

    private final List<Account> accounts;
    private final Clock clock;

    public ApprovalInbox(List<Account> accounts, Clock clock) {
        this.accounts = List.copyOf(accounts);
        this.clock = clock;
    }

    @Override
    public NotifierListener.Verdict receive(ApprovalNotice notice) {
        if (!notice.carriesAToken()) {
            return refused(400, "not an access token notice");
        }
        if (notice.clientId().isEmpty()) {
            return refused(400, "the notice names no client_id");
        }
        Optional<Match> match = match(notice);
        if (match.isEmpty()) {
            return refused(403, "no approval request of this renewer is waiting for this client id");
        }
        PendingApproval request = match.get().request();
        Instant now = clock.instant();
        if (now.isAfter(request.expiresAt().plus(GRACE))) {
            return refused(403, "the approval request of profile '" + request.profile() + "' expired at "
                    + request.expiresAt());
        }
        try {
            AccessToken token = match.get().account().login().tokenOf(request, notice);
            match.get().account().completion().complete(request, token);
            return NotifierListener.Verdict.accepted("token stored for profile '" + request.profile() + "'");
        } catch (NoticeRefusedException e) {
            return refused(403, e.getMessage());
        } catch (IllegalStateException e) {
            return refused(409, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NotifierListener.Verdict(503, "stopping");
        } catch (TimeoutException e) {
            // The service is busy with another login; it stores the token when that ends.
            return new NotifierListener.Verdict(202, "accepted; the token is being stored");
        } catch (Exception e) {
            LOG.error("The approved token of profile '{}' could not be stored: {}", request.profile(), e.getMessage());
            return new NotifierListener.Verdict(500, "the token could not be stored: " + e.getMessage());
        }
    }

    private record Match(Account account, PendingApproval request) {}

    /** The account whose request the notice answers; by the user as well, should two share an API key. */
    private Optional<Match> match(ApprovalNotice notice) {
        List<Match> matches = accounts.stream()
                .flatMap(account -> account.login().pending().stream().map(request -> new Match(account, request)))
                .filter(m -> notice.clientId().get().equals(m.request().clientId()))
                .toList();
        return matches.stream()
                .filter(m -> notice.userId().isPresent() && m.request().userId().equals(notice.userId()))
                .findFirst()
                .or(() -> matches.stream().findFirst());
    }

    private static NotifierListener.Verdict refused(int status, String reason) {
        LOG.warn("Refused a notice at the Upstox webhook: {}", reason);
        return new NotifierListener.Verdict(status, reason);
    }
}

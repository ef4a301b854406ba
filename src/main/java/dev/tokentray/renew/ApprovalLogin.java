package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.ApprovalNotice;
import dev.tokentray.upstox.ApprovalRequest;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.StepTiming;
import dev.tokentray.upstox.TokenCheck;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.NoCredentialsException;
import dev.tokentray.vault.ProfileVault;
import dev.tokentray.vault.StoredCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A profile's approval login (Upstox's "Access Token Request", beta): the request, which prompts
 * the trader in the Upstox app and on WhatsApp, and the token Upstox POSTs to the Notifier Webhook
 * on approval, stored like any login's and recorded as {@link Trigger#APPROVAL}.
 *
 * <p>The request sends the API key and secret only. So a rejected PIN or TOTP does not hold it,
 * but a rejected API key or secret stops it like any rejected credential, and a wait Upstox asked
 * for holds it (see {@link #bearingOnApproval}).
 */
public final class ApprovalLogin {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalLogin.class);
    private static final Set<CredentialField> SENT = Set.of(CredentialField.CLIENT_ID, CredentialField.CLIENT_SECRET);

    private final ProfileVault vault;
    private final UpstoxLoginClient client;
    private final LoginHistory history;
    private final LoginLock lock;
    private final RenewalPolicy policy;
    private final PendingApprovals pending;
    private final Supplier<RenewalSettings> settings;
    private final Clock clock;

    public ApprovalLogin(ProfileVault vault, UpstoxLoginClient client, LoginHistory history, LoginLock lock,
            RenewalPolicy policy, PendingApprovals pending, Supplier<RenewalSettings> settings, Clock clock) {
        this.vault = vault;
        this.client = client;
        this.history = history;
        this.lock = lock;
        this.policy = policy;
        this.pending = pending;
        this.settings = settings;
        this.clock = clock;
    }

    public ProfileVault vault() {
        return vault;
    }

    /** The profile's last request, answered or not, while its token has not arrived. */
    public Optional<PendingApproval> pending() {
        return pending.of(vault.profile());
    }

    /**
     * Sends an approval request. The schedule's ({@link Trigger#AUTOMATIC}) takes a request another
     * process sent and that is still open instead of sending one more.
     *
     * <p>Besides the two below, it throws what the keychain, the lock file and an interrupt throw.
     *
     * @param asking         who asks: the schedule, or the trader ({@link Trigger#MANUAL})
     * @param retryConfirmed the trader confirmed a request with an API secret Upstox rejected before
     * @throws LoginRefusedException when the policy does not allow it now
     * @throws LoginException        when Upstox refused the request or could not be reached (recorded in the history)
     */
    public PendingApproval request(Trigger asking, boolean retryConfirmed) throws Exception {
        try (LoginLock.Held held = lock.acquire(vault.profile())) {
            Instant now = clock.instant();
            Optional<PendingApproval> open = pending().filter(request -> request.openAt(now));
            if (asking == Trigger.AUTOMATIC && open.isPresent()) {
                return open.get();
            }
            StoredCredentials credentials = vault.credentials().orElseThrow(() -> new NoCredentialsException(vault.profile()));
            Optional<Refusal> refusal = policy.refusal(asking, retryConfirmed, now,
                    bearingOnApproval(history.attempts(vault.profile().name())), credentials.revision(), settings.get());
            if (refusal.isPresent()) {
                throw new LoginRefusedException(refusal.get());
            }
            ApprovalRequest sent;
            try {
                sent = client.requestApproval(credentials.credentials());
            } catch (LoginException e) {
                history.append(new Attempt(now, vault.profile().name(), Trigger.APPROVAL, credentials.revision(),
                        Duration.between(now, clock.instant()), e.timings(), Optional.of(e.failure()), Optional.empty(),
                        e.clockSkew()));
                throw e;
            }
            PendingApproval request = new PendingApproval(vault.profile().name(), sent.clientId(),
                    vault.token().map(AccessToken::userId).filter(id -> !id.isBlank()), sent.requestedAt(),
                    sent.authorizationExpiry(), sent.took(), credentials.revision());
            pending.save(request);
            LOG.info("Sent an approval request for profile '{}'; the trader can approve it until {}",
                    vault.profile(), sent.authorizationExpiry());
            return request;
        }
    }

    /**
     * The token a notice brought for {@code request}, once Upstox confirmed it works and is the
     * expected user's. When Upstox cannot be reached to confirm, the notice's own user id must do.
     *
     * @throws NoticeRefusedException saying why the notice is not taken
     */
    public AccessToken tokenOf(PendingApproval request, ApprovalNotice notice)
            throws NoticeRefusedException, InterruptedException {
        TokenCheck.Result check = client.tokenCheck().check(notice.accessToken());
        if (check.verdict() == TokenCheck.Verdict.DEAD) {
            throw new NoticeRefusedException("Upstox refuses the token in the notice");
        }
        if (notice.userId().isPresent() && check.userId().isPresent() && !notice.userId().equals(check.userId())) {
            throw new NoticeRefusedException("the notice names another user than its token's");
        }
        Optional<String> owner = check.userId().or(notice::userId);
        if (request.userId().isPresent() && owner.isPresent() && !owner.equals(request.userId())) {
            throw new NoticeRefusedException("the token is another user's than this profile's");
        }
        return AccessToken.issued(notice.accessToken(), notice.issuedAt().orElse(clock.instant()),
                owner.or(request::userId).orElse(""), check.userName().orElse(""));
    }

    /**
     * Stores the token of a notice taken for {@code request} (see {@link ApprovalInbox}) like any
     * login's, records the approval in the history, and closes the request, so that the same
     * notice is not taken twice.
     *
     * @throws IllegalStateException when the request was answered or replaced meanwhile
     */
    public Renewal complete(PendingApproval request, AccessToken token) throws Exception {
        try (LoginLock.Held held = lock.acquire(vault.profile())) {
            if (!pending().equals(Optional.of(request))) {
                throw new IllegalStateException("The approval request of profile '" + vault.profile()
                        + "' was answered or replaced meanwhile");
            }
            vault.saveToken(token);
            pending.remove(vault.profile());
            Duration waited = Duration.between(request.requestedAt(), clock.instant());
            Attempt attempt = new Attempt(request.requestedAt(), vault.profile().name(), Trigger.APPROVAL,
                    request.credentialsRevision(), waited,
                    List.of(new StepTiming(LoginStep.TOKEN_REQUEST, request.requestTook()),
                            new StepTiming(LoginStep.APPROVAL, waited.minus(request.requestTook()))),
                    Optional.empty(), Optional.of(token.expiresAt()), Optional.empty());
            history.append(attempt);
            return new Renewal(token, Optional.of(attempt));
        }
    }

    /**
     * The attempts that bear on an approval request: its own, every success (a token, whatever
     * brought it), and Upstox's rejections of the API key or secret, which the request sends too.
     * A rejected PIN or TOTP, and the TOTP login's bot walls, say nothing about it.
     */
    static List<Attempt> bearingOnApproval(List<Attempt> attempts) {
        return attempts.stream().filter(a -> a.trigger() == Trigger.APPROVAL || a.succeeded()
                || a.failure().filter(f -> f.kind() == FailureKind.CREDENTIALS)
                        .flatMap(f -> f.field()).filter(SENT::contains).isPresent())
                .toList();
    }
}

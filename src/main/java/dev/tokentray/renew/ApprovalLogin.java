package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.ApprovalNotice;
import dev.tokentray.upstox.ApprovalRequest;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.StepTiming;
import dev.tokentray.upstox.TokenCheck;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.NoCredentialsException;
import dev.tokentray.vault.ProfileVault;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    /** What a request sends of the credentials: the API key (in its address) and the API secret. */
    static final Set<CredentialField> SENT = Set.of(CredentialField.CLIENT_ID, CredentialField.CLIENT_SECRET);

    private final TokenFetcher renewer;
    private final UpstoxLoginClient client;
    private final LoginHistory history;
    private final PendingApprovals pending;
    private final Clock clock;

    /** @param renewer the profile's, whose lock and stops the requests go through like every login */
    public ApprovalLogin(TokenFetcher renewer, UpstoxLoginClient client, LoginHistory history, PendingApprovals pending,
            Clock clock) {
        this.renewer = renewer;
        this.client = client;
        this.history = history;
        this.pending = pending;
        this.clock = clock;
    }

    public ProfileVault vault() {
        return renewer.vault();
    }

    /** The profile's last request, answered or not, while its token has not arrived. */
    public Optional<PendingApproval> pending() {
        return pending.of(vault().profile());
    }

    /**
     * Sends an approval request, through the {@link TokenFetcher}'s lock and stops. The schedule's
     * ({@link Trigger#AUTOMATIC}) takes a request another process sent and that is still open
     * instead of sending one more.
     *
     * @param asking    who asks: the schedule, or the trader ({@link Trigger#MANUAL})
     * @param confirmed the rejection (its id) of the API key or secret that the trader confirmed a retry of
     * @throws LoginRefusedException when the policy does not allow it now
     * @throws LoginException        when Upstox refused the request or could not be reached (recorded in the history)
     */
    public PendingApproval request(Trigger asking, Optional<String> confirmed) throws LoginException,
            LoginRefusedException, KeychainException, NoCredentialsException, InterruptedException {
        return renewer.requestApproval(asking, confirmed, new TokenFetcher.ApprovalRequester() {
            @Override
            public Optional<PendingApproval> open() {
                return pending().filter(request -> request.openAt(clock.instant()));
            }

            @Override
            public PendingApproval send(UpstoxCredentials credentials) throws LoginException, InterruptedException {
                return keep(client.requestApproval(credentials));
            }
        });
    }

    /** Notes a request Upstox accepted, so that its token is taken when it comes, by this process or another. */
    private PendingApproval keep(ApprovalRequest sent) throws LoginException {
        try {
            PendingApproval request = new PendingApproval(vault().profile().name(), sent.clientId(),
                    vault().token().map(AccessToken::userId).filter(id -> !id.isBlank()), sent.requestedAt(),
                    sent.authorizationExpiry(), sent.took());
            pending.save(request);
            LOG.info("Sent an approval request for profile '{}'; the trader can approve it until {}",
                    vault().profile(), sent.authorizationExpiry());
            return request;
        } catch (KeychainException | IOException e) {
            throw new LoginException(new LoginFailure(FailureKind.TRANSIENT, LoginStep.TOKEN_REQUEST,
                    "Upstox took the approval request, but the app could not note it (" + e.getMessage() + "), so"
                            + " the token it brings would be refused. Send a new request once that is fixed.",
                    Optional.empty(), Optional.empty()),
                    List.of(new StepTiming(LoginStep.TOKEN_REQUEST, sent.took())), Optional.empty());
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
     * login's, under the login lock, records the approval in the history, and closes the request,
     * so that the same notice is not taken twice. It proves nothing of the PIN or TOTP, so it
     * lifts no stop (the request that went out lifted those of the API key and secret).
     *
     * @throws IllegalStateException when the request was answered or replaced meanwhile
     */
    public FetchedToken complete(PendingApproval request, AccessToken token)
            throws LoginRefusedException, KeychainException, InterruptedException {
        return renewer.underLock(() -> {
            if (!pending().equals(Optional.of(request))) {
                throw new IllegalStateException("The approval request of profile '" + vault().profile()
                        + "' was answered or replaced meanwhile");
            }
            vault().saveToken(token);
            try {
                pending.remove(vault().profile());
            } catch (IOException e) {
                LOG.warn("The token of the approval is stored, but its request could not be closed ({}); a second"
                        + " notice for it would store its token again", e.getMessage());
            }
            Duration waited = Duration.between(request.requestedAt(), clock.instant());
            Attempt attempt = new Attempt(request.requestedAt(), vault().profile().name(), Trigger.APPROVAL, waited,
                    List.of(new StepTiming(LoginStep.TOKEN_REQUEST, request.requestTook()),
                            new StepTiming(LoginStep.APPROVAL, waited.minus(request.requestTook()))),
                    Optional.empty(), Optional.of(token.expiresAt()), Optional.empty(), Optional.empty());
            history.append(attempt);
            return new FetchedToken(token, Optional.of(attempt));
        });
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

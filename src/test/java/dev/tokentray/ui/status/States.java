package dev.tokentray.ui.status;

import dev.tokentray.accounts.Account;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.renew.Trigger;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.ui.account.AccountSnapshot;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.Profile;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** FetchedToken states as a test needs them, built by hand. */
public final class States {
    public static final Secret TOKEN = Secret.of("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJTSU0wMDEifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg");

    private States() {}

    public static Instant ist(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TokenExpiry.IST).toInstant();
    }

    public static AccessToken token(Instant issued, Instant expires) {
        return new AccessToken(TOKEN, issued, expires, "SIM001", "Simulated Trader");
    }

    public static Attempt success(Instant at) {
        return new Attempt(at, "default", Trigger.AUTOMATIC, Duration.ofMillis(312), List.of(), Optional.empty(),
                Optional.of(TokenExpiry.nextDailyExpiry(at)), Optional.empty(), Optional.empty());
    }

    public static Attempt failure(Instant at, FailureKind kind, String message) {
        Optional<CredentialField> field = kind == FailureKind.CREDENTIALS ? Optional.of(CredentialField.PIN) : Optional.empty();
        return new Attempt(at, "default", Trigger.AUTOMATIC, Duration.ofMillis(120), List.of(),
                Optional.of(new LoginFailure(kind, LoginStep.PIN, message, field, Optional.empty())), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** The state as one account's, with the app renewing its token, no logins in its history. */
    public static AccountSnapshot account(String profile, String label, RenewalSnapshot state) {
        RenewalSnapshot own = new RenewalSnapshot(new Profile(profile), state.token(), state.plan(), state.lastAttempt(),
                state.lastRenewal(), state.credentialsStored(), state.loginStep(), state.keychainProblem(),
                state.clockWarning(), state.at(), state.approval());
        return new AccountSnapshot(new Account(new Profile(profile), label, RenewalSettings.DEFAULT), own,
                state.lastAttempt().stream().toList(), true);
    }

    /** The account as one another machine renews, and the app follows in Redis: no credentials of its own here. */
    public static AccountSnapshot followed(AccountSnapshot account) {
        return new AccountSnapshot(account.account(), account.state(), account.attempts(), false);
    }

    /** A state at {@code at}, with a token issued at 09:00 IST that day (when {@code withToken}). */
    public static RenewalSnapshot at(Instant at, boolean withToken, Plan plan, Optional<Attempt> last) {
        Instant issued = at.atZone(TokenExpiry.IST).toLocalDate().atTime(9, 0).atZone(TokenExpiry.IST).toInstant();
        Instant dayBefore = issued.minus(Duration.ofDays(1));
        Instant from = issued.isAfter(at) ? dayBefore : issued;
        Optional<AccessToken> token = withToken
                ? Optional.of(token(from, TokenExpiry.nextDailyExpiry(from)))
                : Optional.empty();
        return new RenewalSnapshot(Profile.DEFAULT, token, plan, last, last.filter(Attempt::succeeded), true,
                Optional.empty(), Optional.empty(), Optional.empty(), at);
    }
}

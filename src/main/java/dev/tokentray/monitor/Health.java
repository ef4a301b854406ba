package dev.tokentray.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.token.TokenState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether the renewer serves its accounts, for {@code /healthz}: healthy while every account has a
 * usable token, or a login is planned that can succeed (a login at a planned time, an approval
 * request still open). Not healthy when an account's renewal has stopped (rejected credentials,
 * no credentials, a login method that waits for the trader), is off, waits on an unanswered
 * approval, or cannot read the keychain.
 *
 * @param json one line: {@code status}, the first {@code reason} against, and each account's
 */
public record Health(boolean healthy, String json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Health of(List<RenewalSnapshot> accounts, Instant now) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode each = JSON.createObjectNode();
        Optional<String> against = Optional.empty();
        for (RenewalSnapshot account : accounts) {
            Optional<String> problem = problem(account, now);
            TokenState token = TokenState.of(account.token(), now);
            each.putObject(account.profile().name())
                    .put("healthy", problem.isEmpty())
                    .put("state", token.name())
                    .put("reason", problem.orElseGet(() -> token.usable() ? "the token is usable" : "a login is planned"));
            if (against.isEmpty()) {
                against = problem.map(text -> "profile '" + account.profile() + "': " + text);
            }
        }
        body.put("status", against.isEmpty() ? "ok" : "unhealthy")
                .put("reason", against.orElse("every account has a usable token or a planned login"))
                .set("accounts", each);
        return new Health(against.isEmpty(), body.toString());
    }

    private static Optional<String> problem(RenewalSnapshot account, Instant now) {
        if (account.keychainProblem().isPresent()) {
            return account.keychainProblem();
        }
        if (TokenState.of(account.token(), now).usable()) {
            return Optional.empty();
        }
        return switch (account.plan()) {
            case Plan.RenewAt renew -> Optional.empty();
            case Plan.WaitForExpiry wait -> Optional.empty();
            case Plan.AwaitApproval wait -> now.isBefore(wait.expiresAt()) ? Optional.empty()
                    : Optional.of("the approval request went unanswered; none goes out before " + wait.nextRequest());
            case Plan.Stopped stopped -> Optional.of("automatic renewal stopped: " + stopped.why());
            case Plan.Off off -> Optional.of("automatic renewal is off");
        };
    }
}

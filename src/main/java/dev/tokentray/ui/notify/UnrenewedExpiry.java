package dev.tokentray.ui.notify;

import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.token.AccessToken;
import java.time.Instant;
import java.util.Optional;

/**
 * A usable token after whose expiry no automatic login follows, read from the state:
 * automatic renewal is off ({@link Plan.Off}), or the schedule has stopped ({@link Plan.Stopped}:
 * no credentials stored, or the stored ones were rejected; the policy says so while the token lasts).
 *
 * @param why what stops the renewal and what to do, in words for the trader
 */
record UnrenewedExpiry(Instant expiresAt, String why) {

    static Optional<UnrenewedExpiry> of(RenewalSnapshot state) {
        Optional<AccessToken> token = state.token().filter(t -> t.stateAt(state.at()).usable());
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> why = switch (state.plan()) {
            case Plan.Off off -> Optional.of("Automatic renewal is off. Renew by hand, or turn it on in the settings.");
            case Plan.Stopped stopped -> Optional.of(stopped.why());
            case Plan.WaitForExpiry wait -> Optional.empty();
            case Plan.RenewAt renew -> Optional.empty();
            case Plan.AwaitApproval wait -> Optional.empty();
        };
        return why.map(text -> new UnrenewedExpiry(token.get().expiresAt(), text));
    }
}

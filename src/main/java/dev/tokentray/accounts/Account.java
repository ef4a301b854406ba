package dev.tokentray.accounts;

import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.vault.Profile;
import java.util.Objects;

/**
 * One Upstox account the app keeps: its profile (the keychain entries, history, stops and login
 * lock of that name), the label the trader gave it ("Priya HUF"), and its renewal settings.
 *
 * @param label empty when the trader gave none: the screens then show the Upstox name
 */
public record Account(Profile profile, String label, RenewalSettings renewal) {

    public Account {
        Objects.requireNonNull(profile, "profile");
        label = Objects.requireNonNull(label, "label").strip();
        Objects.requireNonNull(renewal, "renewal");
    }

    public Account withLabel(String newLabel) {
        return new Account(profile, newLabel, renewal);
    }

    public Account withRenewal(RenewalSettings settings) {
        return new Account(profile, label, settings);
    }
}

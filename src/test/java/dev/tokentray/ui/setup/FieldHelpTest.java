package dev.tokentray.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.upstox.CredentialField;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FieldHelpTest {

    @Test
    void everyFieldSaysWhereToFindIt() {
        for (CredentialField field : CredentialField.values()) {
            assertThat(FieldHelp.of(field)).as(field.name()).isNotBlank().endsWith(".");
        }
        assertThat(FieldHelp.of(CredentialField.TOTP_SECRET)).contains("Set up TOTP", "under the QR code");
        assertThat(FieldHelp.of(CredentialField.CLIENT_ID)).contains("developer console", "My Apps");
        assertThat(FieldHelp.of(CredentialField.REDIRECT_URI)).contains("http://127.0.0.1:5055/callback");
    }

    @Test
    void theRedirectUrisHelpRecommendsALoopbackAddressForTheBrowserLogin() {
        assertThat(FieldHelp.of(CredentialField.REDIRECT_URI)).contains("register http://127.0.0.1:5055/callback",
                "login with the browser");
        assertThat(FieldHelp.browserLoginHint("http://127.0.0.1:5055/callback")).isEmpty();
        assertThat(FieldHelp.browserLoginHint("http://localhost:8080/cb")).isEmpty();
        assertThat(FieldHelp.browserLoginHint("https://example.com/upstox")).hasValueSatisfying(hint -> assertThat(hint)
                .contains("not on this computer", "paste the address", "http://127.0.0.1:5055/callback"));
        assertThat(FieldHelp.browserLoginHint("")).as("no address yet: its problem speaks").isEmpty();
        assertThat(FieldHelp.browserLoginHint("not an address")).isEmpty();
    }

    @Test
    void eachLabelHasItsOwnMnemonicAndNamesTheField() {
        var letters = Arrays.stream(CredentialField.values())
                .map(FieldHelp::mnemonicLabel)
                .peek(label -> assertThat(label).contains("_"))
                .map(label -> Character.toLowerCase(label.charAt(label.indexOf('_') + 1)))
                .toList();
        assertThat(letters).doesNotHaveDuplicates()
                .doesNotContain('i', 's'); // Import from .env and Test and save have these
        for (CredentialField field : CredentialField.values()) {
            assertThat(FieldHelp.mnemonicLabel(field).replace("_", "")).isEqualTo(field.label());
        }
    }

    @Test
    void nodeIdsAreTheOnesTheTestsUse() {
        assertThat(Arrays.stream(CredentialField.values()).map(FieldHelp::nodeId))
                .containsExactly("mobile", "pin", "totpSecret", "clientId", "clientSecret", "redirectUri");
        assertThat(FieldHelp.nodeId(CredentialField.PIN).toLowerCase(Locale.ROOT)).isEqualTo("pin");
    }
}

package dev.tokentray.renew;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.TestKeychain;
import dev.tokentray.token.AccessToken;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One profile's commands run as the packaged jar, each checked for success, and the profile's
 * token entry read from the real keychain directly, not through a command: for the process tests.
 */
final class ProfileCommands {
    static final Pattern JWT = Pattern.compile("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppProcess app;
    private final String profile;
    private final ProfileVault keychain;

    ProfileCommands(AppProcess app, String profile) {
        this.app = app;
        this.profile = profile;
        this.keychain = new ProfileVault(new KeyringSecretStore(TestKeychain.SERVICE), new Profile(profile));
    }

    /** {@code token}: the token it printed, alone on stdout. */
    String token() throws Exception {
        AppProcess.Result token = app.run("token", "--profile", profile);
        assertThat(token.exitCode()).as(token.stderr()).isZero();
        assertThat(token.stdout()).matches(JWT + "\n");
        return token.stdout().strip();
    }

    JsonNode status() throws Exception {
        AppProcess.Result status = app.run("status", "--json", "--profile", profile);
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        return JSON.readTree(status.stdout());
    }

    List<Attempt> history() throws Exception {
        AppProcess.Result history = app.run("history", "--json", "--profile", profile);
        assertThat(history.exitCode()).isZero();
        List<Attempt> attempts = new ArrayList<>();
        JSON.readTree(history.stdout()).path("attempts").forEach(node -> attempts.add(AttemptJson.read(node)));
        return attempts;
    }

    /** The token entry as the keychain holds it; fails when it is missing or cannot be read. */
    AccessToken storedToken() throws Exception {
        return tokenEntry().orElseThrow(() -> new AssertionError("no readable token entry in the keychain"));
    }

    Optional<AccessToken> tokenEntry() throws Exception {
        return keychain.token();
    }

    /** Whether the simulator issued this token and takes it: its user profile endpoint answers. */
    static boolean simulatorTakes(UpstoxSimulator simulator, String token) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest profileRequest = HttpRequest.newBuilder(simulator.baseUri().resolve("/v2/user/profile"))
                    .header("Authorization", "Bearer " + token).build();
            return http.send(profileRequest, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
    }
}

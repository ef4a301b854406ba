package dev.tokentray.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.token.TokenState;
import dev.tokentray.vault.ProfileVault;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the token's state, expiry and user; never a secret.")
final class StatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print JSON: profile, state, expiresAt, issuedAt, userId, userName.")
    boolean json;

    StatusCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        CliServices services = CliServices.start(environment, common);
        ProfileVault vault = services.vault();
        Optional<AccessToken> token = vault.token();
        boolean credentialsStored = vault.hasCredentials();
        Instant now = environment.clock().instant();
        TokenState state = TokenState.of(token, now);
        environment.out().println(json
                ? asJson(services, token, state, credentialsStored)
                : asText(services, token, state, credentialsStored, now));
        return ExitCode.OK.code;
    }

    private static String asJson(CliServices services, Optional<AccessToken> token, TokenState state,
            boolean credentialsStored) throws Exception {
        ObjectNode node = JSON.createObjectNode()
                .put("profile", services.profile().name())
                .put("state", state.name())
                .put("expiresAt", token.map(t -> iso(t.expiresAt())).orElse(null))
                .put("issuedAt", token.map(t -> iso(t.issuedAt())).orElse(null))
                .put("userId", token.map(AccessToken::userId).orElse(null))
                .put("userName", token.map(AccessToken::userName).orElse(null))
                .put("credentialsStored", credentialsStored);
        return JSON.writeValueAsString(node);
    }

    private static String asText(CliServices services, Optional<AccessToken> token, TokenState state,
            boolean credentialsStored, Instant now) {
        StringBuilder text = new StringBuilder();
        line(text, "Profile", services.profile().name());
        line(text, "Token", describe(state, token, now));
        token.ifPresent(t -> {
            line(text, "Expires", TimeText.ist(t.expiresAt()));
            line(text, "Issued", TimeText.ist(t.issuedAt()));
            line(text, "User", t.userName() + " (" + t.userId() + ")");
        });
        line(text, "Credentials", credentialsStored ? "stored in the keychain" : "none: run `setup --from-env`");
        return text.toString().stripTrailing();
    }

    private static String describe(TokenState state, Optional<AccessToken> token, Instant now) {
        return switch (state) {
            case MISSING -> "none";
            case EXPIRED -> "expired";
            case VALID, EXPIRING -> (state == TokenState.VALID ? "valid" : "expiring soon") + ", "
                    + TimeText.span(Duration.between(now, token.orElseThrow().expiresAt())) + " left";
        };
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-12s %s%n", label + ":", value));
    }

    /** ISO-8601 with IST's offset, the zone every Upstox time is in. */
    private static String iso(Instant time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(TokenExpiry.IST));
    }
}

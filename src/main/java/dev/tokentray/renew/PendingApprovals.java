package dev.tokentray.renew;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokentray.platform.OwnerOnly;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each profile's last approval request, one small file per profile in the state folder, so that
 * the process that receives Upstox's webhook ({@code run --headless}) knows the requests another
 * process made ({@code login --approval}). Written whole and owner-only, under the profile's
 * login lock; read without it.
 */
public final class PendingApprovals {
    private static final Logger LOG = LoggerFactory.getLogger(PendingApprovals.class);

    private final Path folder;
    private final Consumer<String> changed;

    /** @param changed hears the profile of each request written or closed, for the other processes to notice */
    public PendingApprovals(Path folder, Consumer<String> changed) {
        this.folder = folder;
        this.changed = changed;
    }

    public Optional<PendingApproval> of(Profile profile) {
        Path file = file(profile);
        try {
            JsonNode json = AttemptJson.JSON.readTree(Files.readAllBytes(file));
            return Optional.of(new PendingApproval(profile.name(), json.path("clientId").asText(),
                    Optional.ofNullable(json.get("userId")).map(JsonNode::asText),
                    Instant.parse(json.path("requestedAt").asText()), Instant.parse(json.path("expiresAt").asText()),
                    Duration.ofMillis(json.path("requestMs").asLong())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read {}; no approval request counts as pending: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    void save(PendingApproval request) throws IOException {
        var json = AttemptJson.JSON.createObjectNode()
                .put("clientId", request.clientId())
                .put("requestedAt", request.requestedAt().toString())
                .put("expiresAt", request.expiresAt().toString())
                .put("requestMs", request.requestTook().toMillis());
        request.userId().ifPresent(id -> json.put("userId", id));
        OwnerOnly.write(file(new Profile(request.profile())), json.toString().getBytes(StandardCharsets.UTF_8));
        changed.accept(request.profile());
    }

    /** The request was answered: a notice for it is not taken again. */
    void remove(Profile profile) throws IOException {
        Files.deleteIfExists(file(profile));
        changed.accept(profile.name());
    }

    private Path file(Profile profile) {
        return folder.resolve(profile.name() + ".json");
    }
}

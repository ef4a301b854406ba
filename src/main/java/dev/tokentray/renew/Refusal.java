package dev.tokentray.renew;

import dev.tokentray.upstox.FailureKind;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a login was not even tried: the kind of the failure that stopped it, and what to do.
 *
 * @param rejectionId for values Upstox rejected: the rejection a confirmed retry must name
 */
public record Refusal(FailureKind kind, String message, Optional<String> rejectionId) {
    public Refusal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rejectionId, "rejectionId");
    }

    public Refusal(FailureKind kind, String message) {
        this(kind, message, Optional.empty());
    }
}

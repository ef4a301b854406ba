package dev.tokentray.renew;

import dev.tokentray.upstox.FailureKind;
import java.util.Objects;

/** Why a login was not even tried: the kind of the failure that stopped it, and what to do. */
public record Refusal(FailureKind kind, String message) {
    public Refusal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}

package dev.tokentray.upstox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A moment in an Upstox answer, read leniently: Upstox documents {@code authorization_expiry} as
 * epoch milliseconds in a string, and others' code reads the webhook's times without saying how
 * they look. Numbers or numeric strings in seconds or milliseconds, or ISO-8601 text.
 */
final class Timestamps {
    /** Above this, an epoch number is in milliseconds: as seconds it would lie past the year 5000. */
    private static final long MILLIS_FROM = 100_000_000_000L;

    private Timestamps() {}

    static Optional<Instant> read(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        String text = node.asText("").strip();
        if (text.matches("\\d{1,18}(\\.\\d+)?")) {
            long number = (long) Double.parseDouble(text);
            return Optional.of(number >= MILLIS_FROM ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number));
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}

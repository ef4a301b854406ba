package dev.tokentray.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads "20s", "5m", "2h" or ISO-8601 ("PT20S"). */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    /**
     * {@code off} for none, else a duration as {@link #convert} reads it.
     *
     * @throws IllegalArgumentException saying what it takes (a bad usage, exit 2)
     */
    static Optional<Duration> orOff(String value) {
        if (value.strip().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DurationConverter().convert(value));
        } catch (TypeConversionException e) {
            throw new IllegalArgumentException(e.getMessage() + ", or off", e);
        }
    }

    @Override
    public Duration convert(String value) {
        Matcher matcher = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 20s, 5m, 2h or PT20S");
        }
    }
}

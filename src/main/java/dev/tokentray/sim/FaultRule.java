package dev.tokentray.sim;

import dev.tokentray.upstox.LoginStep;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A fault and when it hits the requests of one login step.
 *
 * <p>The text form, for {@code --fault}: {@code STEP=FAULT[*COUNT|@PERCENT%]}, where STEP is a
 * {@link LoginStep} in lower case ({@code dialog}, {@code otp_generate}, {@code otp_verify},
 * {@code pin}, {@code authorize}, {@code token_exchange}) and FAULT is an HTTP status
 * ({@code 503}), {@code reset}, {@code html}, {@code unknown[:STATUS]} (an error code no client
 * knows, in Upstox's shape, with HTTP 200 or STATUS) or {@code delay:DURATION} (DURATION: a number
 * with {@code ms}, {@code s} or {@code m}). Without a suffix the fault hits every request of the step;
 * {@code *2} hits the next two; {@code @10%} hits each request with a probability of 10 %.
 * Examples: {@code pin=html}, {@code otp_verify=503*2}, {@code pin=unknown:404}, {@code token_exchange=reset@10%},
 * {@code dialog=delay:5s*1}.
 */
public record FaultRule(LoginStep step, Fault fault, Frequency frequency) {

    /** How often a rule hits. */
    public sealed interface Frequency {
        /** Every request. */
        record Always() implements Frequency {}

        /** The next {@code count} requests, then the rule is gone. */
        record Next(int count) implements Frequency {
            public Next {
                if (count < 1) {
                    throw new IllegalArgumentException("count must be at least 1, got " + count);
                }
            }
        }

        /** Each request with this probability, drawn from the simulator's seeded random. */
        record Probability(double probability) implements Frequency {
            public Probability {
                if (!(probability > 0 && probability <= 1)) {
                    throw new IllegalArgumentException("probability must be in (0, 1], got " + probability);
                }
            }
        }
    }

    private static final Pattern SPEC = Pattern.compile(
            "(?<step>[a-z_]+)=(?<fault>[^*@]+)(?:\\*(?<count>\\d+)|@(?<percent>\\d+(?:\\.\\d+)?)%)?");
    private static final Pattern DELAY = Pattern.compile("delay:(?<amount>\\d+)(?<unit>ms|s|m)");
    private static final Pattern UNKNOWN = Pattern.compile("unknown(?::(?<status>\\d{3}))?");

    public FaultRule {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(frequency, "frequency");
    }

    public static FaultRule always(LoginStep step, Fault fault) {
        return new FaultRule(step, fault, new Frequency.Always());
    }

    public static FaultRule next(int count, LoginStep step, Fault fault) {
        return new FaultRule(step, fault, new Frequency.Next(count));
    }

    public static FaultRule withProbability(double probability, LoginStep step, Fault fault) {
        return new FaultRule(step, fault, new Frequency.Probability(probability));
    }

    /**
     * Reads the text form described above.
     *
     * @throws IllegalArgumentException with a message that shows the expected form
     */
    public static FaultRule parse(String spec) {
        Matcher matcher = SPEC.matcher(spec.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("A fault looks like STEP=FAULT[*COUNT|@PERCENT%],"
                    + " e.g. pin=html, otp_verify=503*2, pin=unknown:404, token_exchange=reset@10%, dialog=delay:5s; got '" + spec + "'");
        }
        LoginStep step = parseStep(matcher.group("step"));
        Fault fault = parseFault(matcher.group("fault"));
        if (matcher.group("count") != null) {
            return next(Integer.parseInt(matcher.group("count")), step, fault);
        }
        if (matcher.group("percent") != null) {
            return withProbability(Double.parseDouble(matcher.group("percent")) / 100, step, fault);
        }
        return always(step, fault);
    }

    private static LoginStep parseStep(String name) {
        return Arrays.stream(LoginStep.values())
                .filter(step -> step.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown login step '" + name + "'; one of "
                        + Arrays.stream(LoginStep.values())
                                .map(step -> step.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", "))));
    }

    private static Fault parseFault(String text) {
        if (text.matches("\\d{3}")) {
            return new Fault.Status(Integer.parseInt(text));
        }
        Matcher delay = DELAY.matcher(text);
        if (delay.matches()) {
            long amount = Long.parseLong(delay.group("amount"));
            return new Fault.Delay(switch (delay.group("unit")) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            });
        }
        Matcher unknown = UNKNOWN.matcher(text);
        if (unknown.matches()) {
            return new Fault.UnknownError(unknown.group("status") == null ? 200 : Integer.parseInt(unknown.group("status")));
        }
        return switch (text) {
            case "reset" -> new Fault.ConnectionReset();
            case "html" -> new Fault.BotWall();
            default -> throw new IllegalArgumentException("Unknown fault '" + text
                    + "'; one of an HTTP status (e.g. 503), reset, html, unknown[:STATUS], delay:5s");
        };
    }
}

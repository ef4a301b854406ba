package dev.tokentray.monitor;

import dev.tokentray.renew.RenewalEvent;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalSchedule;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.token.TokenState;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.TokenCheck;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The renewer's metrics, per account (label {@code profile}), through the Prometheus Java client:
 * <ul>
 *   <li>{@code upstox_token_state{state}}: 1 for the token's state now, 0 for the others;
 *   <li>{@code upstox_token_expires_in_seconds}: until the token expires, 0 without a usable one;
 *   <li>{@code upstox_logins_total{outcome, failure_class}}: this process's logins;
 *   <li>{@code upstox_login_last_step_duration_seconds{step}}: each step of the last login;
 *   <li>{@code upstox_token_checks_total{result}}: this process's checks with Upstox, by answer.
 * </ul>
 * The gauges are read at each scrape, so they follow the clock between the renewal's events.
 */
public final class RenewalMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final List<RenewalSchedule> services = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final Counter logins;
    private final Counter checks;

    public RenewalMetrics(Clock clock) {
        this.clock = clock;
        logins = Counter.builder().name("upstox_logins_total")
                .help("Logins this renewer made, by outcome and failure class")
                .labelNames("profile", "outcome", "failure_class").register(registry);
        checks = Counter.builder().name("upstox_token_checks_total")
                .help("Checks of the token with Upstox (its profile endpoint), by result")
                .labelNames("profile", "result").register(registry);
        GaugeWithCallback.builder().name("upstox_token_state")
                .help("The token's state: 1 for the current one")
                .labelNames("profile", "state")
                .callback(callback -> eachState((state, now) -> {
                    TokenState current = TokenState.of(state.token(), now);
                    for (TokenState value : TokenState.values()) {
                        callback.call(value == current ? 1 : 0, profile(state), value.name());
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("upstox_token_expires_in_seconds")
                .help("Seconds until the token expires; 0 without a usable token")
                .labelNames("profile")
                .callback(callback -> eachState((state, now) -> callback.call(state.token()
                        .filter(token -> token.stateAt(now).usable())
                        .map(token -> Duration.between(now, token.expiresAt()).toMillis() / 1000.0)
                        .orElse(0.0), profile(state)))).register(registry);
        GaugeWithCallback.builder().name("upstox_login_last_step_duration_seconds")
                .help("How long each step of the last login took")
                .labelNames("profile", "step")
                .callback(callback -> eachState((state, now) -> state.lastAttempt().ifPresent(attempt ->
                        attempt.steps().forEach(step -> callback.call(step.duration().toMillis() / 1000.0,
                                profile(state), lower(step.step().name())))))).register(registry);
    }

    /** Measures one more account. */
    public void add(RenewalSchedule service) {
        String profile = service.state().profile().name();
        logins.initLabelValues(profile, "success", "none");
        for (FailureKind kind : FailureKind.values()) {
            logins.initLabelValues(profile, "failure", lower(kind.name()));
        }
        for (TokenCheck.Verdict verdict : TokenCheck.Verdict.values()) {
            checks.initLabelValues(profile, lower(verdict.name()));
        }
        service.addListener(new RenewalListener() {
            @Override
            public void event(RenewalEvent event) {
                switch (event) {
                    case RenewalEvent.Renewed renewed -> logins.labelValues(profile, "success", "none").inc();
                    case RenewalEvent.Failed failed -> failed.attempt().failure().ifPresent(failure ->
                            logins.labelValues(profile, "failure", lower(failure.kind().name())).inc());
                    case RenewalEvent.TokenChecked checked ->
                            checks.labelValues(profile, lower(checked.result().verdict().name())).inc();
                    default -> {}
                }
            }
        });
        services.add(service);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @FunctionalInterface
    private interface StateAt {
        void accept(RenewalSnapshot state, Instant now);
    }

    private void eachState(StateAt use) {
        Instant now = clock.instant();
        services.forEach(service -> use.accept(service.state(), now));
    }

    private static String profile(RenewalSnapshot state) {
        return state.profile().name();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

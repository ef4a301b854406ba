package dev.tokentray.sim;

import dev.tokentray.upstox.LoginStep;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** The faults in force, at most one rule per login step; a new rule for a step replaces the old. */
public final class FaultInjector {
    private final Map<LoginStep, FaultRule> rules = new EnumMap<>(LoginStep.class);
    private final Random random;

    FaultInjector(long seed) {
        this.random = new Random(seed);
    }

    public synchronized void inject(FaultRule rule) {
        rules.put(rule.step(), rule);
    }

    public synchronized void clear(LoginStep step) {
        rules.remove(step);
    }

    public synchronized void clear() {
        rules.clear();
    }

    /** The fault for this request of the step, if one hits it; uses up one of a counted rule. */
    synchronized Optional<Fault> nextFor(LoginStep step) {
        FaultRule rule = rules.get(step);
        if (rule == null) {
            return Optional.empty();
        }
        boolean hits = switch (rule.frequency()) {
            case FaultRule.Frequency.Always _ -> true;
            case FaultRule.Frequency.Probability chance -> random.nextDouble() < chance.probability();
            case FaultRule.Frequency.Next next -> {
                if (next.count() == 1) {
                    rules.remove(step);
                } else {
                    rules.put(step, FaultRule.next(next.count() - 1, step, rule.fault()));
                }
                yield true;
            }
        };
        return hits ? Optional.of(rule.fault()) : Optional.empty();
    }
}

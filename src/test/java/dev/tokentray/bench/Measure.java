package dev.tokentray.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One figure of the bench: its runs, and how they compare with the target ("below").
 * A measure with no target is information (a phase, a second view of a figure).
 */
final class Measure {
    final String id;
    final String title;
    final String unit;
    final Optional<Double> target;
    final String how;
    final List<Double> runs = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Why there is no figure (not built, failed), when there is none. */
    Optional<String> missing = Optional.empty();

    Measure(String id, String title, String unit, Double target, String how) {
        this.id = id;
        this.title = title;
        this.unit = unit;
        this.target = Optional.ofNullable(target);
        this.how = how;
    }

    Measure add(double value) {
        runs.add(value);
        return this;
    }

    Measure note(String note) {
        notes.add(note);
        return this;
    }

    Measure missing(String why) {
        missing = Optional.of(why);
        return this;
    }

    boolean hasFigure() {
        return !runs.isEmpty();
    }

    double median() {
        return median(runs);
    }

    double min() {
        return runs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    double max() {
        return runs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** Empty when there is no target, or no figure. */
    Optional<Boolean> met() {
        if (target.isEmpty() || !hasFigure()) {
            return Optional.empty();
        }
        return Optional.of(median() < target.get());
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}

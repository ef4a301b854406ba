package dev.tokentray.upstox;

import java.time.Duration;

/** How long one step of a login took, for the log and the history. */
public record StepTiming(LoginStep step, Duration duration) {}

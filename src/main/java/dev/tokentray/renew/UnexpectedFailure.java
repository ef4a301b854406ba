package dev.tokentray.renew;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An exception the login path does not know, described for the log without its message: it
 * comes from code that held the PIN, the TOTP secret or an authorization code, and an unknown
 * exception may quote any of them. The class and where it was thrown say enough to find the bug.
 */
final class UnexpectedFailure {
    private static final int FRAMES = 12;

    private UnexpectedFailure() {}

    /** "java.lang.IllegalArgumentException at a.B.c(B.java:10) ← …", and the same for each cause. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (!text.isEmpty()) {
                text.append("; caused by ");
            }
            text.append(e.getClass().getName()).append(Arrays.stream(e.getStackTrace()).limit(FRAMES)
                    .map(StackTraceElement::toString).collect(Collectors.joining(" ← ", " at ", "")));
        }
        return text.toString();
    }
}

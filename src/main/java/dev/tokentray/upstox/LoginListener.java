package dev.tokentray.upstox;

/** Hears each step as it starts, so that a window can show "step 3 of 6: verify the TOTP code". */
@FunctionalInterface
public interface LoginListener {
    LoginListener NONE = step -> {};

    void stepStarted(LoginStep step);
}

package dev.tokentray.cli;

import dev.tokentray.vault.Profile;

/**
 * How the tray app is to start.
 *
 * @param demo   against the built-in simulator, in the separate demo profile
 * @param hidden straight to the tray, as at login (only where a tray exists)
 */
public record AppStart(Profile profile, boolean demo, boolean hidden) {}

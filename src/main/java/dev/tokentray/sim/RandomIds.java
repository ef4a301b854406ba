package dev.tokentray.sim;

import java.security.SecureRandom;

/**
 * Unguessable ids (sessions, OTP sessions, codes). Letters and digits only, so that they pass
 * unencoded through a URL query or a hand-built form.
 */
final class RandomIds {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {}

    static String next(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}

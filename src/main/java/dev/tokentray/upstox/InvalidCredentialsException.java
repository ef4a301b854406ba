package dev.tokentray.upstox;

import java.util.Map;
import java.util.stream.Collectors;

/** Input that cannot be a valid Upstox login, with a message per field (never a value). */
public final class InvalidCredentialsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Map<CredentialField, String> problems;

    public InvalidCredentialsException(Map<CredentialField, String> problems) {
        super(problems.entrySet().stream()
                .map(e -> e.getKey().label() + " (" + e.getKey().environmentVariable() + "): " + e.getValue())
                .collect(Collectors.joining("\n")));
        this.problems = Map.copyOf(problems);
    }

    public Map<CredentialField, String> problems() {
        return problems;
    }
}

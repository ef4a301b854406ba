package dev.tokentray.output;

/**
 * An output that could not take a token.
 *
 * @param output  what and where ({@link TokenOutput#describe()})
 * @param problem what happened and what to do
 */
public record OutputFailure(String profile, String output, String problem) {

    /** A heading for a notification or a line on stderr. */
    public String title() {
        return "Could not hand the token to " + output;
    }
}

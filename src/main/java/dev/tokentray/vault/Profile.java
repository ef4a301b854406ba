package dev.tokentray.vault;

/** A named set of credentials and token, so that one trader can keep several Upstox logins apart. */
public record Profile(String name) {
    public static final Profile DEFAULT = new Profile("default");
    /** Demo mode's own profile, so that a demo never touches the trader's entries. */
    public static final Profile DEMO = new Profile("demo");

    public Profile {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("A profile name has 1-32 lower-case letters, digits, '-' or '_',"
                    + " starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

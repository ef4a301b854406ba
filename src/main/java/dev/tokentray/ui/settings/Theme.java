package dev.tokentray.ui.settings;

/** The window's colours: the desktop's choice, or the trader's. */
public enum Theme {
    SYSTEM("Follow the system"),
    LIGHT("Light"),
    DARK("Dark");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}

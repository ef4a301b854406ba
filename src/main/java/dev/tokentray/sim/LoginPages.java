package dev.tokentray.sim;

/** The simulator's few HTML pages: self-contained, and every text that came in a request escaped. */
final class LoginPages {
    private LoginPages() {}

    static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>%s</title></head>
                <body>
                <h1>%s</h1>
                %s</body>
                </html>
                """.formatted(escape(title), escape(title), body);
    }

    /** An error as the page shows it, where a screen reader announces it. */
    static String alert(String message) {
        return "<p id=\"error\" role=\"alert\">" + escape(message) + "</p>\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}

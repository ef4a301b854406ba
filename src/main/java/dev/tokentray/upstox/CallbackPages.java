package dev.tokentray.upstox;

/**
 * The small pages the loopback listener answers the browser with. Plain, self-contained HTML: no
 * script, no link, no outside resource, so that the address (which holds the code) goes nowhere.
 */
final class CallbackPages {
    private CallbackPages() {}

    static String done() {
        return page("Logged in", "Upstox Token Tray has the login and fetches the token now.",
                "You can close this tab.");
    }

    static String wrongState() {
        return page("Not this login", "This address does not belong to the login Upstox Token Tray is waiting for"
                + " (its state is missing or another login's), so the app did not take it.",
                "Finish the login in the tab the app opened, or start the browser login again from the app.");
    }

    static String noCode() {
        return page("No login code", "Upstox did not send a login code to this address.",
                "Log in on Upstox's page: it sends the browser back here with the code. The app is still waiting.");
    }

    static String refused(String message) {
        return page("Upstox did not log you in", message, "You can close this tab.");
    }

    static String alreadyDone() {
        return page("Already done", "Upstox Token Tray has already taken a login code.", "You can close this tab.");
    }

    static String notHere() {
        return page("Not found", "Upstox Token Tray waits for the login on another address.", "");
    }

    private static String page(String title, String what, String next) {
        return """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>%s - Upstox Token Tray</title>
                <style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;line-height:1.5}</style>
                </head>
                <body>
                <h1>%s</h1>
                <p>%s</p>
                <p><strong>%s</strong></p>
                </body>
                </html>
                """.formatted(escape(title), escape(title), escape(what), escape(next));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}

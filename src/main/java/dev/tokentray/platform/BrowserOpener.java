package dev.tokentray.platform;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an address in the trader's browser with the desktop's own command ({@code xdg-open},
 * {@code open}, {@code rundll32 url.dll,FileProtocolHandler}), not with AWT's {@code Desktop},
 * which the headless CLI lacks and which fails silently on many Linux desktops. The variable
 * {@value #COMMAND_VARIABLE} puts another command in its place (words split on spaces; the
 * address comes last), for a browser of the trader's choice or a test's.
 *
 * <p>The command gets a one-time local address that redirects to the address
 * ({@link OneTimeRedirect}), never the address itself: a login's address carries its
 * {@code state}, and a command line is readable by every local user. When it fails, the caller
 * shows the address to copy: {@link #open} says what went wrong without the address.
 */
public final class BrowserOpener {
    private static final Logger LOG = LoggerFactory.getLogger(BrowserOpener.class);

    /** The environment variable that names the command to open an address with. */
    public static final String COMMAND_VARIABLE = "UPSTOX_TOKEN_TRAY_BROWSER";

    /**
     * How long a failure of the command is waited for. The usual ones hand the address to the
     * browser and end at once; a command that runs the browser itself keeps running, and that is
     * success, not a failure to wait for.
     */
    static final Duration FAILURE_WAIT = Duration.ofSeconds(3);

    /** How long the browser has to come to the local address: it starts within seconds, if at all. */
    static final Duration REDIRECT_LIFETIME = Duration.ofMinutes(2);

    private final List<String> command;

    public BrowserOpener(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("A command to open the browser with has a program");
        }
        this.command = List.copyOf(command);
    }

    /** The command of this computer's desktop, or the one {@value #COMMAND_VARIABLE} names. */
    public static BrowserOpener forThisComputer(Map<String, String> environment) {
        return of(System.getProperty("os.name"), environment);
    }

    static BrowserOpener of(String osName, Map<String, String> environment) {
        String chosen = environment.getOrDefault(COMMAND_VARIABLE, "").strip();
        if (!chosen.isEmpty()) {
            return new BrowserOpener(List.of(chosen.split("\\s+")));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return new BrowserOpener(List.of("rundll32", "url.dll,FileProtocolHandler"));
        }
        if (os.startsWith("mac")) {
            return new BrowserOpener(List.of("open"));
        }
        return new BrowserOpener(List.of("xdg-open"));
    }

    /** The program and its arguments, before the address. */
    public List<String> command() {
        return command;
    }

    /**
     * Hands {@code address} to the browser, through a one-time local address that leads there.
     *
     * @throws IOException when the command cannot be started or reports a failure, with a message
     *                     that names the command (never the address)
     */
    public void open(URI address) throws IOException {
        OneTimeRedirect redirect = OneTimeRedirect.to(address, REDIRECT_LIFETIME);
        try {
            run(redirect.address());
        } catch (IOException e) {
            redirect.close();
            throw e;
        }
        LOG.info("Opened the browser with {}", command.getFirst());
    }

    private void run(URI localAddress) throws IOException {
        List<String> full = new ArrayList<>(command);
        full.add(localAddress.toString());
        Process process;
        try {
            process = new ProcessBuilder(full)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IOException("Cannot open the browser: " + command.getFirst() + " cannot be started ("
                    + e.getMessage() + ").", e);
        }
        process.getOutputStream().close(); // it reads nothing of ours: the CLI may need its stdin for a pasted address
        try {
            if (process.waitFor(FAILURE_WAIT.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
                throw new IOException("Cannot open the browser: " + command.getFirst() + " failed (exit code "
                        + process.exitValue() + ").");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Cannot open the browser: interrupted while " + command.getFirst() + " ran.", e);
        }
    }
}

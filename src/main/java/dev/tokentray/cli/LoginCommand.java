package dev.tokentray.cli;

import dev.tokentray.platform.BrowserOpener;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.Renewal;
import dev.tokentray.renew.Renewer;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.upstox.AuthorizationCode;
import dev.tokentray.upstox.BrowserLogin;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoopbackListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The browser login from a terminal: the trader logs in on Upstox's own page, and the token is
 * stored like any other. Everything it says goes to stderr: stdout is for the token alone
 * ({@code token}), and this command prints no token.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Logs in with the browser, on Upstox's own page: for when the automatic login is blocked or"
                + " has changed. Prints the address to open on stderr; with a loopback redirect URI"
                + " (http://127.0.0.1:PORT/...) it waits for the browser to come back, else it reads the address"
                + " the browser ended on from stdin.",
                "The automatic login (PIN and TOTP) is `refresh`."})
final class LoginCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--browser", description = "Log in with the browser (the only way this command logs in).")
    boolean browser;

    @Option(names = "--no-open", description = "Only print the address; do not open the browser.")
    boolean noOpen;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the browser to come back to a loopback redirect URI (default: 5m).")
    Duration timeout = LoopbackListener.DEFAULT_TIMEOUT;

    LoginCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (!browser) {
            throw new IllegalArgumentException("`login` logs in with the browser: run `login --browser`."
                    + " For the automatic login with the PIN and TOTP, run `refresh`.");
        }
        CliServices services = CliServices.start(environment, common);
        Renewer renewer = services.renewal().renewer();
        BrowserLogin login = renewer.startBrowserLogin();
        AuthorizationCode code = login.canListen() ? waitForTheBrowser(login) : readThePastedAddress(login);
        Renewal renewal = renewer.completeBrowserLogin(login, code, LoginListener.NONE);
        HandOut handOut = services.handOut(renewal);
        AccessToken token = renewal.token();
        PrintWriter err = environment.err();
        err.printf("Logged in with the browser: the token of profile '%s' for %s (%s) is valid until %s, %s left.%n",
                services.profile(), token.userName(), token.userId(), TimeText.ist(token.expiresAt()),
                TimeText.span(Duration.between(environment.clock().instant(), token.expiresAt())));
        switch (services.renewal().reader().read().plan()) {
            case Plan.WaitForExpiry wait -> wait.note().ifPresent(err::println);
            case Plan.Stopped stopped -> err.println("The automatic login stays stopped: " + stopped.why());
            default -> {}
        }
        handOut.finish();
        return ExitCode.OK.code;
    }

    /** Listens before the browser opens, so that even a browser quicker than this process finds it. */
    private AuthorizationCode waitForTheBrowser(BrowserLogin login) throws Exception {
        try (LoopbackListener listener = login.listen(timeout)) {
            show(login, "This waits up to " + TimeText.span(timeout) + " for the browser to come back to "
                    + login.redirectUri() + ".");
            return listener.awaitCode();
        }
    }

    private AuthorizationCode readThePastedAddress(BrowserLogin login) throws Exception {
        show(login, "Once you have logged in, Upstox sends the browser to " + login.redirectUri() + "?code=...;"
                + " that page need not load.\nPaste the whole address from the browser's address bar here, then"
                + " press Enter:");
        return login.codeFromPastedAddress(environment.in().readLine());
    }

    private void show(BrowserLogin login, String next) {
        PrintWriter err = environment.err();
        err.println("Log in on Upstox's page, at this address:");
        err.println("  " + login.address());
        if (!noOpen) {
            try {
                BrowserOpener.forThisComputer(environment.variables()).open(login.address());
                err.println("It is open in your browser.");
            } catch (IOException e) {
                err.println(e.getMessage() + " Open the address above in your browser yourself.");
            }
        }
        err.println(next);
        err.flush();
    }
}

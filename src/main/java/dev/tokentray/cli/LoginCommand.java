package dev.tokentray.cli;

import dev.tokentray.platform.BrowserOpener;
import dev.tokentray.renew.ApprovalInbox;
import dev.tokentray.renew.ApprovalLogin;
import dev.tokentray.renew.PendingApproval;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.Trigger;
import dev.tokentray.renew.FetchedToken;
import dev.tokentray.renew.TokenFetcher;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.upstox.AuthorizationCode;
import dev.tokentray.upstox.BrowserLogin;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoopbackListener;
import dev.tokentray.upstox.NotifierListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The logins the trader takes part in, from a terminal: the browser login (on Upstox's own page)
 * and the approval login (a prompt in the Upstox app and on WhatsApp). The token is stored like
 * any other. Everything it says goes to stderr: stdout is for the token alone ({@code token}), and
 * this command prints no token.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"--browser: logs in with the browser, on Upstox's own page, for when the automatic login is"
                + " blocked or has changed. Prints the address to open on stderr; with a loopback redirect URI"
                + " (http://127.0.0.1:PORT/...) it waits for the browser to come back, else it reads the address"
                + " the browser ended on from stdin.",
                "--approval: sends Upstox's access token request; approve it in the Upstox app or on WhatsApp, and"
                + " Upstox POSTs the token to your app's Notifier Webhook, received by `run --headless"
                + " --notifier-listen` (or by this command with --notifier-listen). Waits until the token arrives"
                + " or the request expires.",
                "The automatic login (PIN and TOTP) is `refresh`."})
final class LoginCommand implements Callable<Integer> {
    /** How often the keychain is read while the trader approves: a read takes milliseconds. */
    private static final Duration APPROVAL_POLL = Duration.ofSeconds(1);
    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--browser", description = "Log in with the browser.")
    boolean browser;

    @Option(names = "--approval", description = "Log in by approval: Upstox's access token request.")
    boolean approval;

    /** With --approval, when no `run --headless --notifier-listen` receives the webhook. */
    @Mixin
    NotifierOptions notifier;

    @Option(names = "--no-open", description = "Only print the address; do not open the browser.")
    boolean noOpen;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the browser to come back to a loopback redirect URI (default: 5m)."
                    + " The approval login waits until its request expires.")
    Duration timeout = LoopbackListener.DEFAULT_TIMEOUT;

    LoginCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (browser == approval) {
            throw new IllegalArgumentException("`login` logs in with the browser or by approval: run `login --browser`"
                    + " or `login --approval`. For the automatic login with the PIN and TOTP, run `refresh`.");
        }
        CliServices services = CliServices.start(environment, common);
        if (approval) {
            return loginByApproval(services);
        }
        TokenFetcher renewer = services.renewal().renewer();
        BrowserLogin login = renewer.startBrowserLogin();
        AuthorizationCode code = login.canListen() ? waitForTheBrowser(login) : readThePastedAddress(login);
        FetchedToken renewal = renewer.completeBrowserLogin(login, code, LoginListener.NONE);
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

    /**
     * Sends the request, then waits for its token to reach the keychain: stored by this command's
     * own listener, or by the headless renewer's, in another process.
     */
    private int loginByApproval(CliServices services) throws Exception {
        RenewalWiring renewal = services.renewal();
        ApprovalLogin login = renewal.approval();
        Optional<AccessToken> before = login.vault().token();
        ApprovalInbox inbox = new ApprovalInbox(List.of(new ApprovalInbox.Account(login, login::complete)),
                environment.clock());
        // Listening before the request goes out, so that even a quick approval finds it.
        try (NotifierListener listener = notifier.start(inbox).orElse(null)) {
            PendingApproval request = login.request(Trigger.MANUAL, Optional.empty());
            PrintWriter err = environment.err();
            err.println("Approve the request in the Upstox app or on WhatsApp, before " + TimeText.ist(request.expiresAt())
                    + ".");
            if (listener == null) {
                err.println("Upstox sends the token to your app's Notifier Webhook: a `run --headless --notifier-listen`"
                        + " must receive it. Waiting for it to reach the keychain…");
            }
            err.flush();
            AccessToken token = awaitNewToken(login, before, request);
            services.handOut().found(token).finish();
            err.printf("Logged in by approval: the token of profile '%s' for %s (%s) is valid until %s, %s left.%n",
                    services.profile(), token.userName(), token.userId(), TimeText.ist(token.expiresAt()),
                    TimeText.span(Duration.between(environment.clock().instant(), token.expiresAt())));
            return ExitCode.OK.code;
        }
    }

    /** Another process may store it: the keychain is the one place both see. */
    private AccessToken awaitNewToken(ApprovalLogin login, Optional<AccessToken> before, PendingApproval request)
            throws Exception {
        while (environment.clock().instant().isBefore(request.expiresAt().plus(ApprovalInbox.GRACE))) {
            Optional<AccessToken> now = login.vault().token()
                    .filter(t -> t.stateAt(environment.clock().instant()).usable())
                    .filter(t -> before.filter(old -> old.value().equals(t.value())).isEmpty());
            if (now.isPresent()) {
                return now.get();
            }
            Thread.sleep(APPROVAL_POLL.toMillis());
        }
        throw new ApprovalUnansweredException("No token arrived before the approval request expired at "
                + TimeText.ist(request.expiresAt()) + ": it was not approved, or Upstox's webhook did not reach this"
                + " renewer (check the Notifier Webhook URL of your app and the reverse proxy). The old token, if"
                + " any, is kept.");
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

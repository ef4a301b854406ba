package dev.tokentray.ui;

import dev.tokentray.accounts.Account;
import dev.tokentray.follow.FollowException;
import dev.tokentray.follow.FollowSetup;
import dev.tokentray.platform.BrowserOpener;
import dev.tokentray.renew.LoginRefusedException;
import dev.tokentray.token.Secret;
import dev.tokentray.ui.account.AccountController;
import dev.tokentray.ui.account.AppAccounts;
import dev.tokentray.ui.account.OwnRenewal;
import dev.tokentray.ui.follow.FollowRedisForm;
import dev.tokentray.ui.notify.Notification;
import dev.tokentray.ui.settings.AppSettings;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.ui.settings.StartAtLoginSwitch;
import dev.tokentray.ui.settings.UiSettings;
import dev.tokentray.ui.setup.SetupStart;
import dev.tokentray.ui.status.StatusWindow;
import dev.tokentray.ui.tray.TrayMenu;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the trader's choices do, wherever they come from: the tray menu, the status window's rows
 * and buttons, a click on a notification. Each finds its account's controller and acts there, or
 * opens the window it leads to. Keychain and file work runs on {@code background}, never on the
 * FX thread or AWT's.
 */
final class DesktopActions implements StatusWindow.Actions {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopActions.class);

    private final AppAccounts accounts;
    private final Screens screens;
    private final Clock clock;
    private final Executor background;
    private final BrowserOpener browser;
    private final StartAtLoginSwitch startAtLogin;
    private final AtomicReference<UiSettings> ui;
    private final Runnable quit;
    private final FollowSetup followSetup;
    private volatile Optional<Boolean> startsAtLogin = Optional.empty();

    /**
     * @param ui          the desktop's settings now; a save of the settings window replaces them
     * @param followSetup makes a new account follow Redis (Add account → Follow a token in Redis)
     */
    DesktopActions(AppAccounts accounts, Screens screens, Clock clock, Executor background, BrowserOpener browser,
            StartAtLoginSwitch startAtLogin, AtomicReference<UiSettings> ui, FollowSetup followSetup, Runnable quit) {
        this.accounts = accounts;
        this.screens = screens;
        this.clock = clock;
        this.background = background;
        this.browser = browser;
        this.startAtLogin = startAtLogin;
        this.ui = ui;
        this.quit = quit;
        this.followSetup = followSetup;
    }

    // ---- the tray and the notifications ----

    /** A tray menu choice, on the tray's thread. */
    void choose(TrayMenu.Choice choice) {
        Optional<Profile> account = choice.account().map(Profile::new);
        switch (choice.action()) {
            case COPY_TOKEN -> account.ifPresent(this::copyToken);
            case RENEW_NOW -> account.ifPresent(this::renewNow);
            case RENEW_ALL -> renewAll();
            case BROWSER_LOGIN -> account.ifPresent(this::browserLogin);
            case REQUEST_APPROVAL -> account.ifPresent(this::requestApproval);
            case OPEN -> screens.onFx(AppWindows::openStatus);
            case SETTINGS -> openSettings();
            case START_AT_LOGIN -> background.execute(this::toggleStartAtLogin);
            case QUIT -> quit();
        }
    }

    /** A click on a notification, or its button: the window it leads to, on its account. */
    void notificationChosen(Notification notification) {
        switch (notification.action()) {
            case OPEN -> screens.onFx(windows -> notification.account()
                    .ifPresentOrElse(windows::openStatus, windows::openStatus));
            case BROWSER_LOGIN -> notification.account().ifPresent(this::browserLogin);
        }
    }

    /**
     * The start path's end: the status window unless the app starts hidden in a tray; when no
     * account has credentials yet nor follows Redis (a first start), the setup window of the first in front.
     */
    void started(boolean hidden) {
        boolean showStatus = !hidden || !screens.trayShown(); // hidden needs a tray to hide in
        Optional<AccountController> firstStart = accounts.all().stream()
                .noneMatch(a -> a.followed().isPresent() || a.snapshot().filter(s -> s.state().credentialsStored()).isPresent())
                ? accounts.all().stream().findFirst() : Optional.empty();
        if (showStatus || firstStart.isPresent()) {
            screens.onFx(windows -> {
                if (showStatus) {
                    windows.openStatus();
                }
            });
            firstStart.ifPresent(first -> editCredentials(first.profile()));
        }
        background.execute(this::readStartAtLogin);
    }

    // ---- an account's actions ----

    @Override
    public void copyToken(Profile account) {
        find(account).ifPresent(controller -> {
            String name = controller.name();
            Optional<Secret> token = controller.usableToken(clock.instant());
            screens.onFx(windows -> token.ifPresentOrElse(t -> windows.copy(t, name, several()),
                    () -> windows.say(Notice.error("There is no valid token of " + name + " to copy."))));
        });
    }

    /**
     * A login now, by hand. Credentials Upstox rejected are not sent again this way (the policy
     * would refuse them, silently): the window says so, and offers the confirmed retry instead. Of
     * an account another machine renews: asks that machine, through Redis, and says so.
     */
    @Override
    public void renewNow(Profile account) {
        find(account).flatMap(AccountController::followed).ifPresent(followed -> background.execute(() -> {
            Notice asked = followed.askRenewal();
            screens.onFx(windows -> windows.say(asked));
        }));
        find(account).filter(controller -> !controller.renewNow()).filter(AccountController::credentialsRejected)
                .ifPresent(controller -> screens.onFx(windows -> {
                    windows.openStatus(account);
                    windows.say(Notice.info("Upstox rejected " + (several() ? "the credentials of " + controller.name()
                            : "these credentials") + ", so Renew now does not send them again: each wrong PIN or TOTP counts towards Upstox's lock after"
                            + " five tries. Correct them with Edit credentials…, or choose Retry these credentials…"
                            + " to try them once more."));
                }));
    }

    /** Every account's login now, one after another; accounts whose credentials Upstox rejected are left out. */
    private void renewAll() {
        for (AccountController controller : accounts.all()) {
            if (!controller.renewNow() && controller.credentialsRejected()) {
                LOG.info("Renew all leaves out profile '{}': Upstox rejected its credentials", controller.profile());
            }
        }
    }

    /** Asks first, showing the rejection; the retry confirms that one rejection, and sends the values once. */
    @Override
    public void retryRejected(Profile account) {
        find(account).ifPresent(controller -> controller.rejection().ifPresent(rejection -> {
            Optional<String> name = several() ? Optional.of(controller.name()) : Optional.empty();
            screens.onFx(windows -> windows.confirmRetry(name, rejection.why(),
                    () -> controller.retryRejected(rejection)));
        }));
    }

    @Override
    public void browserLogin(Profile account) {
        find(account).ifPresent(controller -> controller.ownRenewal().ifPresent(own -> {
            Optional<String> name = several() ? Optional.of(controller.name()) : Optional.empty();
            screens.onFx(windows -> windows.openBrowserLogin(account, name, own.browserLogin(browser)));
        }));
    }

    /**
     * Sends Upstox's approval request, on the account's renewal thread. The account's detail then
     * shows the wait and a notification asks for the approval (both from the renewal); its token
     * comes when a renewer on this machine receives Upstox's webhook and stores it. An API key or
     * secret Upstox rejected is sent again only once the trader confirmed it, as for Retry.
     */
    @Override
    public void requestApproval(Profile account) {
        find(account).ifPresent(controller -> controller.ownRenewal()
                .ifPresent(own -> requestApproval(controller, own, Optional.empty())));
    }

    private void requestApproval(AccountController controller, OwnRenewal own, Optional<String> confirmed) {
        own.requestApproval(confirmed).whenComplete((request, failure) -> {
            Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
            if (cause == null || cause instanceof InterruptedException) {
                return; // sent (the renewal tells of it), or the app quits
            }
            Optional<String> name = several() ? Optional.of(controller.name()) : Optional.empty();
            if (cause instanceof LoginRefusedException refused && confirmed.isEmpty()
                    && refused.refusal().rejectionId().isPresent()) {
                screens.onFx(windows -> windows.confirmApprovalRetry(name, refused.getMessage(),
                        () -> requestApproval(controller, own, refused.refusal().rejectionId())));
                return;
            }
            // Not an unexpected failure's message: it may come from code that held a secret.
            String why = cause instanceof RuntimeException ? "an unexpected error (see the log)." : cause.getMessage();
            screens.onFx(windows -> {
                windows.openStatus(controller.profile());
                windows.say(Notice.error("The approval request " + name.map(n -> "of " + n + " ").orElse("")
                        + "failed: " + why));
            });
        });
    }

    /**
     * Opens the setup window with the account's stored credentials (their secrets in no field) and
     * the stop that holds for them, read off the FX thread.
     */
    @Override
    public void editCredentials(Profile account) {
        find(account).ifPresent(controller -> controller.ownRenewal().ifPresent(own -> background.execute(() -> {
            try {
                SetupStart start = own.setupStart();
                Optional<String> title = several()
                        ? Optional.of("Upstox login of " + controller.name() + " – Upstox Token Tray") : Optional.empty();
                screens.onFx(windows -> windows.openSetup(title, start, own.credentialTest(), own::replan));
            } catch (KeychainException e) {
                screens.onFx(windows -> windows.say(Notice.error(e.getMessage())));
            }
        })));
    }

    @Override
    public void history(Profile account) {
        find(account).flatMap(AccountController::snapshot)
                .ifPresent(snapshot -> screens.onFx(windows -> windows.openHistory(snapshot)));
    }

    @Override
    public void rename(Profile account) {
        find(account).ifPresent(controller -> screens.onFx(windows -> windows.askLabel("Rename account – Upstox Token Tray",
                "A label for " + controller.name() + ", as you call this account", controller.account().label())
                .ifPresent(label -> inBackground("rename the account", () -> accounts.relabel(account, label)))));
    }

    @Override
    public void move(Profile account, int by) {
        inBackground("move the account", () -> accounts.move(account, by));
    }

    @Override
    public void remove(Profile account) {
        find(account).ifPresent(controller -> {
            String name = controller.name();
            screens.onFx(windows -> windows.confirmRemove(name, () -> inBackground("remove " + name, () -> {
                accounts.remove(account);
                screens.onFx(after -> after.say(Notice.success("Removed " + name + ": its login and token are gone"
                        + " from this computer's keychain.")));
            })));
        });
    }

    /**
     * Add account: a label, then the setup window for the new account. It is listed, and its
     * renewal starts, once its test login worked and its credentials are saved. Or an account
     * another machine renews, followed in Redis: listed once Redis took the password.
     */
    @Override
    public void addAccount() {
        screens.onFx(windows -> windows.askNewAccount().ifPresent(chosen -> {
            switch (chosen) {
                case AppWindows.NewAccount.LogIn logIn -> logIn(windows, logIn.label());
                case AppWindows.NewAccount.Follow follow -> follow(follow.form());
            }
        }));
    }

    private void logIn(AppWindows windows, String label) {
        AccountController draft = accounts.draft(label);
        OwnRenewal own = draft.ownRenewal().orElseThrow();
        windows.openSetup(Optional.of("Add " + label + " – Upstox Token Tray"), SetupStart.empty(),
                own.credentialTest(), () -> inBackground("add " + label, () -> {
                    accounts.add(draft);
                    screens.onFx(after -> after.openStatus(draft.profile()));
                }));
    }

    /** Asks Redis first: a password it refuses is not stored, and nothing is added. */
    private void follow(FollowRedisForm form) {
        String label = form.labelOrUserId();
        inBackground("follow " + label, () -> {
            Account account = accounts.newAccount(label);
            FollowSetup.Checked checked = followSetup.follow(account.profile(), form.follow(), form.password());
            accounts.add(accounts.draft(account));
            screens.onFx(after -> {
                after.openStatus(account.profile());
                checked.unreachable().ifPresent(why -> after.say(Notice.info(why + " " + label + " follows it anyway:"
                        + " its token shows once Redis can be reached.")));
            });
        });
    }

    @Override
    public void openSettings() {
        screens.onFx(windows -> windows.openSettings(
                profile -> find(profile).map(AccountController::name).orElse(profile.name())));
    }

    /** The settings window saved: the desktop's settings hold from now on, and each account follows its own. */
    void settingsSaved(AppSettings saved) {
        ui.set(saved.ui());
        accounts.settingsSaved(saved.accounts());
        background.execute(this::readStartAtLogin);
    }

    @Override
    public void quit() {
        quit.run();
    }

    // ---- start at login ----

    /** Whether the app starts at login, as last read; empty where the desktop has no such thing. */
    Optional<Boolean> startsAtLogin() {
        return startsAtLogin;
    }

    /** On the background thread: the OS may answer slowly (Windows runs reg.exe). */
    private void readStartAtLogin() {
        startsAtLogin = startAtLogin.supported() ? Optional.of(startAtLogin.enabled()) : Optional.empty();
        screens.refresh();
    }

    private void toggleStartAtLogin() {
        try {
            startAtLogin.set(!startAtLogin.enabled());
        } catch (Exception e) {
            LOG.warn("Could not change start at login: {}", e.getMessage());
            screens.onFx(windows -> windows.say(Notice.error("Could not change start at login: " + e.getMessage())));
        }
        readStartAtLogin();
    }

    // ---- helpers ----

    private Optional<AccountController> find(Profile account) {
        return accounts.find(account);
    }

    private boolean several() {
        return accounts.all().size() > 1;
    }

    /** Slow work of the list (a file, the keychain), off the FX thread; its failure is said in the window. */
    private void inBackground(String what, Work work) {
        background.execute(() -> {
            try {
                work.run();
            } catch (IOException | KeychainException | FollowException | RuntimeException e) {
                LOG.warn("Could not {}: {}", what, e.getMessage());
                screens.onFx(windows -> windows.say(Notice.error("Could not " + what + ": " + e.getMessage())));
            }
        });
    }

    @FunctionalInterface
    private interface Work {
        void run() throws IOException, KeychainException, FollowException;
    }
}

package dev.tokentray.renew;

import static dev.tokentray.renew.RenewalFixture.ist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokentray.sim.Endpoint;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatedApprovals;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.MutableClock;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.NotifierListener;
import dev.tokentray.upstox.StepTiming;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.InMemorySecretStore;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval login (Upstox's "Access Token Request") against the simulator over HTTP: the
 * request, the approval, Upstox's POST to the webhook, taken only when it answers a request of
 * this renewer. 16 Nov 2026 is a Monday.
 */
class ApprovalLoginTest {
    private static final String PATH = "/upstox/notifier";

    @TempDir
    Path state;

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private final List<RenewalEvent> events = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        http.close();
    }

    /** The parts of a headless renewer with a webhook, on the real scheduler and a clock the test moves. */
    private final class TokenFetcher {
        final MutableClock clock = new MutableClock(ist("2026-11-16T10:00"));
        final ProfileVault vault = new ProfileVault(new InMemorySecretStore(), Profile.DEFAULT);
        final NotifierListener webhook;
        final UpstoxSimulator simulator;
        final RenewalWiring renewal;
        final RenewalSchedule service;
        volatile ApprovalInbox inbox;

        TokenFetcher() throws Exception {
            webhook = NotifierListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), PATH,
                    notice -> inbox.receive(notice));
            open.add(webhook);
            simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock).withApprovals(SimulatedApprovals.DEFAULT
                    .withNotifierUrl(URI.create("http://127.0.0.1:" + webhook.port() + PATH))));
            open.add(simulator);
            vault.saveCredentials(simulator.account().credentials());
            RenewalSettings settings = RenewalSettings.DEFAULT.withLoginMethod(LoginMethod.APPROVAL)
                    .withLoginWindow(LoginHours.ALWAYS);
            renewal = RenewalWiring.of(vault, new UpstoxLoginClient(simulator.hosts(), RenewalFixture.UNHURRIED, clock),
                    state, () -> settings, clock);
            ThreadScheduler scheduler = new ThreadScheduler();
            open.add(scheduler);
            service = renewal.service(scheduler, System::nanoTime);
            service.addListener(new RenewalListener() {
                @Override
                public void event(RenewalEvent event) {
                    events.add(event);
                }
            });
            inbox = new ApprovalInbox(List.of(new ApprovalInbox.Account(renewal.approval(), ApprovalInbox.through(service))),
                    clock);
        }

        void startAndAwaitTheRequest() throws Exception {
            service.start();
            Poll.until("the approval request", Duration.ofSeconds(30),
                    () -> service.state().plan() instanceof Plan.AwaitApproval);
        }

        HttpResponse<String> post(String clientId, String token) throws Exception {
            String body = """
                    {"client_id":"%s","user_id":"SIM001","access_token":"%s","token_type":"Bearer",
                     "message_type":"access_token"}""".formatted(clientId, token);
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webhook.port() + PATH))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** A live token of the account, got by the TOTP login past the renewer: what a forger might have. */
        String liveTokenOfTheAccount() throws Exception {
            return new UpstoxLoginClient(simulator.hosts(), RenewalFixture.UNHURRIED, clock)
                    .login(simulator.account().credentials(), LoginListener.NONE).token().value().reveal();
        }
    }

    @Test
    void anApprovedRequestBringsItsTokenThroughTheWebhookToTheKeychainAndTheListeners() throws Exception {
        TokenFetcher renewer = new TokenFetcher();
        renewer.startAndAwaitTheRequest();
        assertThat(events).filteredOn(RenewalEvent.ApprovalRequested.class::isInstance).hasSize(1);
        renewer.clock.advance(Duration.ofMinutes(3)); // the trader finds the prompt on the phone

        assertThat(renewer.simulator.approve().status()).isEqualTo(200);

        AccessToken stored = renewer.vault.token().orElseThrow();
        assertThat(stored.userId()).isEqualTo(SimulatedAccount.DEFAULT_USER_ID);
        assertThat(stored.userName()).as("from Upstox's profile, asked to confirm the token").isEqualTo(
                SimulatedAccount.DEFAULT_USER_NAME);
        Attempt approval = renewer.renewal.history().last("default").orElseThrow();
        assertThat(approval.trigger()).isEqualTo(Trigger.APPROVAL);
        assertThat(approval.succeeded()).isTrue();
        assertThat(approval.duration()).isEqualTo(Duration.ofMinutes(3));
        assertThat(approval.steps()).extracting(StepTiming::step).containsExactly(LoginStep.TOKEN_REQUEST, LoginStep.APPROVAL);
        assertThat(events).filteredOn(RenewalEvent.Renewed.class::isInstance).singleElement()
                .satisfies(event -> assertThat(((RenewalEvent.Renewed) event).attempt()).isEqualTo(approval));
        Poll.until("the plan to follow the new token", Duration.ofSeconds(10),
                () -> renewer.service.state().plan() instanceof Plan.WaitForExpiry);
        assertThat(renewer.renewal.approval().pending()).isEmpty();

        HttpResponse<String> replayed = renewer.post(SimulatedAccount.DEFAULT_CLIENT_ID, stored.value().reveal());
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(403);
        assertThat(renewer.vault.token()).contains(stored);
        assertThat(renewer.simulator.counters().count(Event.APPROVAL_REQUESTS)).isEqualTo(1);
        assertThat(renewer.simulator.counters().count(Event.PIN_ATTEMPTS)).as("no PIN, no TOTP").isZero();
    }

    @Test
    void aNoticeForNoRequestOfThisRenewerIsRefusedAndNothingIsStored() throws Exception {
        TokenFetcher renewer = new TokenFetcher();
        String live = renewer.liveTokenOfTheAccount();

        HttpResponse<String> noRequest = renewer.post(SimulatedAccount.DEFAULT_CLIENT_ID, live);
        assertThat(noRequest.statusCode()).isEqualTo(403);
        assertThat(noRequest.body()).contains("no approval request");

        renewer.startAndAwaitTheRequest();
        HttpResponse<String> otherClient = renewer.post("1a2b3c4d-0000-4000-8000-000000000000", live);
        assertThat(otherClient.statusCode()).isEqualTo(403);
        HttpResponse<String> deadToken = renewer.post(SimulatedAccount.DEFAULT_CLIENT_ID, "eyJ.forged.token");
        assertThat(deadToken.statusCode()).isEqualTo(403);
        assertThat(deadToken.body()).contains("Upstox refuses the token");

        renewer.clock.advance(SimulatedApprovals.DEFAULT.expiry().plus(ApprovalInbox.GRACE).plusSeconds(1));
        HttpResponse<String> late = renewer.post(SimulatedAccount.DEFAULT_CLIENT_ID, live);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).contains("expired");

        assertThat(renewer.vault.token()).isEmpty();
        assertThat(renewer.renewal.history().attempts("default")).noneMatch(Attempt::succeeded);
        assertThat(events).noneMatch(RenewalEvent.Renewed.class::isInstance);
    }

    private RenewalFixture fixture(String istTime, CredentialField field, String value) throws Exception {
        RenewalFixture fixture = new RenewalFixture(state, ist(istTime), UnaryOperator.identity(), RenewalFixture.UNHURRIED);
        open.add(fixture);
        fixture.withCredentials(field, value);
        return fixture;
    }

    private static long requests(RenewalFixture fixture) {
        return fixture.simulator.counters().requests(Endpoint.TOKEN_REQUEST);
    }

    @Test
    void aRejectedPinDoesNotHoldTheRequestWhichSendsNoPin() throws Exception {
        RenewalFixture fixture = fixture("2026-11-16T10:00", CredentialField.PIN, "111111");
        fixture.service.start();
        fixture.time.runDue();
        assertThat(fixture.pinAttempts()).isEqualTo(1);
        assertThat(fixture.service.state().plan()).isInstanceOf(Plan.Stopped.class);

        fixture.settings = fixture.settings.withLoginMethod(LoginMethod.APPROVAL);
        fixture.service.replan();
        fixture.time.runDue();

        assertThat(requests(fixture)).isEqualTo(1);
        assertThat(fixture.service.state().plan()).isInstanceOf(Plan.AwaitApproval.class);
        fixture.time.advance(Duration.ofHours(3));
        assertThat(fixture.pinAttempts()).isEqualTo(1);
        assertThat(requests(fixture)).as("one request for this need").isEqualTo(1);
    }

    /** The schedule's first request, with an API secret Upstox rejects. */
    private RenewalFixture secretRejectedByARequest() throws Exception {
        RenewalFixture fixture = fixture("2026-11-16T10:00", CredentialField.CLIENT_SECRET, "wrong-secret-1");
        fixture.settings = fixture.settings.withLoginMethod(LoginMethod.APPROVAL);
        fixture.service.start();
        fixture.time.runDue();
        assertThat(requests(fixture)).isEqualTo(1);
        return fixture;
    }

    @Test
    void aRejectedApiSecretStopsTheRequestsLikeAnyRejectedCredential() throws Exception {
        RenewalFixture fixture = secretRejectedByARequest();
        assertThat(fixture.attempts().getLast().failure().orElseThrow().field()).hasValue(CredentialField.CLIENT_SECRET);
        assertThat(fixture.service.state().plan()).isInstanceOf(Plan.Stopped.class);

        fixture.time.advance(Duration.ofDays(2));
        fixture.service.renewNow(Optional.empty());
        fixture.time.runDue();
        LoginRefusedException refused = catchThrowableOfType(LoginRefusedException.class,
                () -> fixture.renewal.approval().request(Trigger.MANUAL, Optional.empty()));
        assertThat(refused.refusal().kind()).isEqualTo(FailureKind.CREDENTIALS);
        assertThat(requests(fixture)).as("nothing automatic sends it again").isEqualTo(1);

        // The trader confirmed one retry: it goes out, and is rejected again.
        assertThat(catchThrowableOfType(LoginException.class,
                () -> fixture.renewal.approval().request(Trigger.MANUAL, refused.refusal().rejectionId()))).isNotNull();
        assertThat(requests(fixture)).isEqualTo(2);
        assertThat(catchThrowableOfType(LoginRefusedException.class,
                () -> fixture.renewal.approval().request(Trigger.MANUAL, refused.refusal().rejectionId())))
                .as("one confirmation, one request").isNotNull();
        assertThat(requests(fixture)).isEqualTo(2);
    }

    /** The stop is the rejected secret's, whatever sent it: the TOTP login, which sends it too, meets it. */
    @Test
    void anApiSecretTheRequestGotRejectedStopsTheTotpLoginToo() throws Exception {
        RenewalFixture fixture = secretRejectedByARequest();
        fixture.settings = fixture.settings.withLoginMethod(LoginMethod.TOTP);
        fixture.service.replan();
        fixture.time.advance(Duration.ofHours(2));

        assertThat(fixture.service.state().plan()).isInstanceOf(Plan.Stopped.class);
        assertThat(catchThrowableOfType(LoginRefusedException.class, fixture.renewal.renewer()::validToken)
                .refusal().kind()).isEqualTo(FailureKind.CREDENTIALS);
        assertThat(fixture.pinAttempts()).as("no PIN for values with a rejected secret").isZero();
    }

    /** The tray's "Log in by approval": a request by hand, whatever the account's login method. */
    @Test
    void theTraderCanAskForAnApprovalAtAnyTime() throws Exception {
        RenewalFixture fixture = fixture("2026-11-16T10:00", CredentialField.PIN, SimulatedAccount.DEFAULT_PIN);
        fixture.service.start();
        fixture.time.runDue();
        assertThat(fixture.logins()).isEqualTo(1);

        var request = fixture.service.requestApproval(Optional.empty());
        fixture.time.runDue();

        assertThat(request).isCompleted();
        assertThat(request.get().expiresAt()).isEqualTo(ist("2026-11-16T10:10"));
        assertThat(requests(fixture)).isEqualTo(1);
        assertThat(fixture.events).filteredOn(RenewalEvent.ApprovalRequested.class::isInstance).hasSize(1);
        assertThat(fixture.renewal.approval().pending()).contains(request.get());
    }

    @Test
    void anUnansweredRequestIsNotSentAgainTheSameDay() throws Exception {
        RenewalFixture fixture = fixture("2026-11-16T05:00", CredentialField.PIN, SimulatedAccount.DEFAULT_PIN);
        fixture.settings = fixture.settings.withLoginMethod(LoginMethod.APPROVAL);
        fixture.service.start();
        fixture.time.advanceTo(ist("2026-11-16T05:31"));
        assertThat(requests(fixture)).as("at the login window's opening").isEqualTo(1);

        fixture.time.advanceTo(ist("2026-11-16T23:59"));
        assertThat(requests(fixture)).isEqualTo(1);
        assertThat(fixture.service.state().plan()).isEqualTo(new Plan.AwaitApproval(ist("2026-11-16T05:30"),
                ist("2026-11-16T05:40"), ist("2026-11-17T05:30")));
        assertThat(fixture.events).filteredOn(RenewalEvent.NotReady.class::isInstance).singleElement()
                .satisfies(event -> assertThat(((RenewalEvent.NotReady) event).why()).contains("not approved"));

        fixture.time.advanceTo(ist("2026-11-17T05:31"));
        assertThat(requests(fixture)).isEqualTo(2);
        assertThat(fixture.logins()).as("never the TOTP login").isZero();
    }

    @Test
    void aRequestByHandShowsInTheStateUntilATokenCameAfterIt() throws Exception {
        RenewalFixture fixture = fixture("2026-11-16T10:00", CredentialField.PIN, SimulatedAccount.DEFAULT_PIN);
        fixture.settings = fixture.settings.withAutomatic(false);
        fixture.service.start();
        fixture.time.runDue();
        assertThat(fixture.service.state().approval()).isEmpty();

        var sent = fixture.service.requestApproval(Optional.empty());
        fixture.time.runDue();
        assertThat(fixture.service.state().approval()).contains(sent.get());
        fixture.time.advance(SimulatedApprovals.DEFAULT.expiry().plusMinutes(1));
        assertThat(fixture.service.state().approval()).as("unanswered, it still shows").contains(sent.get());

        fixture.service.renewNow(Optional.empty()); // the TOTP login brings a token after it
        fixture.time.runDue();
        assertThat(fixture.vault.token()).isPresent();
        assertThat(fixture.service.state().approval()).isEmpty();
        assertThat(requests(fixture)).isEqualTo(1);
    }
}

package dev.tokentray.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokentray.sim.SimulatedSession.Stage;
import dev.tokentray.token.Totp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Steps 2 and 3: the OTP session, and the TOTP code checked within one 30-second step of the clock. */
final class OtpHandler {
    /** Upstox does not say; long enough for a person to type a code. */
    static final Duration OTP_SESSION_LIFETIME = Duration.ofMinutes(5);
    /** What Upstox asks a client to wait before a new OTP; told, not enforced (the rate limit is). */
    private static final int NEXT_REQUEST_INTERVAL_SECONDS = 30;
    private static final Duration TOTP_STEP = Duration.ofSeconds(30);
    private static final String VERIFIED = "OTP verified successfully";

    record OtpSent(
            String message, String validateOTPToken, int nextRequestInterval, String userType, boolean isTotpEnabled) {}

    /** The v5 answer: every account of the mobile number. */
    record VerifiedAccounts(String message, String userType, List<Account> accounts, boolean isSecretPinSet) {}

    record Account(long profileId, String userId, String firstName, String lastName, boolean isDefault) {}

    /** The v4 answer: the one profile. */
    record VerifiedProfile(String message, String userType, Profile userProfile, boolean isSecretPinSet) {}

    record Profile(long profileId, String userId, String firstName, String lastName, String avatarUrl) {}

    private final KnownAccounts accounts;
    private final LoginSessions sessions;
    private final SimulatorCounters counters;
    private final Clock clock;

    OtpHandler(KnownAccounts accounts, LoginSessions sessions, SimulatorCounters counters, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.counters = counters;
        this.clock = clock;
    }

    Reply generate(Request request) {
        SimulatedSession session = sessions.require(request, Stage.DIALOG_OPENED);
        KnownAccounts.Known known = accounts.of(session);
        SimulatedAccount account = known.account();
        JsonNode data = request.data();
        if (!account.credentials().mobileNumber().equals(data.path("mobileNumber").asText())) {
            throw Rejected.service(ErrorCodes.GENERIC, "Invalid mobile number");
        }
        if (!account.userId().equals(data.path("userId").asText())) {
            throw Rejected.service(ErrorCodes.GENERIC, "userId is missing or is not the user_id of the login dialog");
        }
        // upstox-totp leaves countryIsdCode out, and Upstox accepts that.
        if (data.has("countryIsdCode") && !"+91".equals(data.path("countryIsdCode").asText())) {
            throw Rejected.service(ErrorCodes.GENERIC, "Only Indian mobile numbers (+91) can log in");
        }
        known.lock().requireUnlocked();
        known.rateLimiter().acquire();
        String otpToken = RandomIds.next(32);
        sessions.update(session.otpSent(otpToken, clock.instant()));
        counters.record(SimulatorCounters.Event.OTP_GENERATIONS, account);
        return Reply.serviceData(new OtpSent("OTP sent", otpToken, NEXT_REQUEST_INTERVAL_SECONDS, UserDetails.USER_TYPE, true));
    }

    Reply verifyV5(Request request) {
        SimulatedAccount account = verify(request);
        Account only = new Account(account.profileId(), account.userId(), firstName(account), lastName(account), true);
        return Reply.serviceData(new VerifiedAccounts(VERIFIED, UserDetails.USER_TYPE, List.of(only), true));
    }

    Reply verifyV4(Request request) {
        SimulatedAccount account = verify(request);
        Profile profile = new Profile(account.profileId(), account.userId(), firstName(account), lastName(account), null);
        return Reply.serviceData(new VerifiedProfile(VERIFIED, UserDetails.USER_TYPE, profile, true));
    }

    /** Checks the code against the session's account, and returns that account. */
    private SimulatedAccount verify(Request request) {
        SimulatedSession session = sessions.require(request, Stage.OTP_SENT);
        JsonNode data = request.data();
        String otpToken = data.path("validateOtpToken").asText();
        if (otpToken.isEmpty()) {
            throw Rejected.service(ErrorCodes.GENERIC, "validateOtpToken is missing");
        }
        if (!otpToken.equals(session.validateOtpToken())
                || session.otpSentAt().plus(OTP_SESSION_LIFETIME).isBefore(clock.instant())) {
            throw Rejected.service(ErrorCodes.OTP_SESSION_EXPIRED, "OTP session expired. Please generate a new OTP.");
        }
        KnownAccounts.Known known = accounts.of(session);
        checkTotp(known, data.path("otp").asText());
        sessions.update(session.otpVerified());
        return known.account();
    }

    /**
     * The TOTP check the API step and the login form share: a wrong code counts towards the
     * account's lock, however it came.
     *
     * @throws Rejected when the code is wrong, or the account is locked
     */
    void checkTotp(KnownAccounts.Known known, String code) {
        known.lock().requireUnlocked();
        counters.record(SimulatorCounters.Event.OTP_ATTEMPTS, known.account());
        if (!isCurrentTotp(known.totp(), code)) {
            int attemptsLeft = known.lock().failed(AccountLock.Factor.OTP);
            // "attempts left" even for one: clients recognise the message by this phrase.
            throw Rejected.service(ErrorCodes.WRONG_OTP, "Invalid OTP. " + attemptsLeft + " attempts left");
        }
        known.lock().passed(AccountLock.Factor.OTP);
    }

    /** One step of tolerance either way, as authenticator servers allow for clock drift. */
    private boolean isCurrentTotp(Totp totp, String code) {
        Instant now = clock.instant();
        return Stream.of(now.minus(TOTP_STEP), now, now.plus(TOTP_STEP)).map(totp::codeAt).anyMatch(code::equals);
    }

    private static String firstName(SimulatedAccount account) {
        return account.userName().split(" ", 2)[0];
    }

    private static String lastName(SimulatedAccount account) {
        String[] names = account.userName().split(" ", 2);
        return names.length > 1 ? names[1] : "";
    }
}

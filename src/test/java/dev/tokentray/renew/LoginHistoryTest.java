package dev.tokentray.renew;

import static dev.tokentray.renew.RenewalFixture.ist;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.StepTiming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginHistoryTest {
    @TempDir
    Path folder;

    private static Attempt success(Instant at, long millis) {
        return new Attempt(at, "default", Trigger.AUTOMATIC, Duration.ofMillis(millis),
                List.of(new StepTiming(LoginStep.DIALOG, Duration.ofMillis(millis / 2)),
                        new StepTiming(LoginStep.TOKEN_EXCHANGE, Duration.ofMillis(millis / 2))),
                Optional.empty(), Optional.of(at.plus(Duration.ofHours(8))), Optional.of(Duration.ofMillis(-420)),
                Optional.empty());
    }

    private LoginHistory history(Instant now) {
        return new LoginHistory(folder.resolve("history.jsonl"), Clock.fixed(now, ZoneOffset.UTC), profile -> {});
    }

    @Test
    void keepsEachAttemptAsOneOwnerOnlyLineThatReadsBackTheSame() throws Exception {
        LoginHistory history = history(ist("2026-11-17T10:00"));
        Attempt ok = success(ist("2026-11-17T09:00"), 312);
        Attempt failed = RenewalPolicyTest.failed(ist("2026-11-17T09:30"), FailureKind.CREDENTIALS);
        history.append(ok);
        history.append(failed);
        Attempt other = success(ist("2026-11-17T09:40"), 100);
        history.append(new Attempt(other.time(), "work", other.trigger(), other.duration(),
                other.steps(), other.failure(), other.tokenExpiresAt(), other.clockSkew(), other.stopId()));

        assertThat(history.attempts("default")).containsExactly(ok, failed);
        assertThat(history.last("work")).map(Attempt::profile).contains("work");
        Path file = folder.resolve("history.jsonl");
        assertThat(Files.readAllLines(file)).hasSize(3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void prunesAttemptsOlderThan90Days() {
        history(ist("2026-08-01T10:00")).append(success(ist("2026-08-01T09:00"), 300));
        history(ist("2026-10-01T10:00")).append(success(ist("2026-10-01T09:00"), 300));
        history(ist("2026-11-17T10:00")).append(success(ist("2026-11-17T09:00"), 300));
        assertThat(history(ist("2026-11-17T10:00")).attempts("default")).extracting(Attempt::time)
                .containsExactly(ist("2026-10-01T09:00"), ist("2026-11-17T09:00"));
    }

    @Test
    void pruningKeepsTheLatestRejectionOfEachProfileHoweverOld() {
        Attempt oldRejection = RenewalPolicyTest.failed(ist("2026-07-01T09:00"), FailureKind.CREDENTIALS);
        Attempt latestRejection = RenewalPolicyTest.failed(ist("2026-07-02T09:00"), FailureKind.CREDENTIALS);
        history(ist("2026-07-02T10:00")).append(oldRejection);
        history(ist("2026-07-02T10:00")).append(latestRejection);
        history(ist("2026-07-02T10:00")).append(success(ist("2026-07-02T09:30"), 300));

        history(ist("2026-11-17T10:00")).append(success(ist("2026-11-17T09:00"), 300));

        assertThat(history(ist("2026-11-17T10:00")).attempts("default")).extracting(Attempt::time)
                .containsExactly(ist("2026-07-02T09:00"), ist("2026-11-17T09:00"));
    }

    @Test
    void writesTimesWithIstsOffsetAndReadsTheLinesOfOlderVersions() throws Exception {
        Path file = folder.resolve("history.jsonl");
        Files.writeString(file, """
                {"time":"2026-11-17T03:30:00Z","profile":"default","trigger":"AUTOMATIC","outcome":"failure",                "credentialsRevision":"a1b2","durationMs":120,"stepsMs":{},"failureKind":"CREDENTIALS",                "failedStep":"PIN","message":"Upstox rejected the PIN.","field":"PIN"}
                """);
        LoginHistory history = history(ist("2026-11-17T10:00"));
        history.append(success(ist("2026-11-17T09:00"), 300));

        assertThat(history.attempts("default")).extracting(Attempt::time)
                .containsExactly(ist("2026-11-17T09:00"), ist("2026-11-17T09:00"));
        assertThat(history.attempts("default").getFirst().stopId()).as("an old rejection, without its stop").isEmpty();
        assertThat(Files.readAllLines(file).getLast()).contains("\"time\":\"2026-11-17T09:00:00+05:30\"",
                "\"tokenExpiresAt\":\"2026-11-17T17:00:00+05:30\"");
    }

    @Test
    void anAttemptTheFileWillNotTakeIsKeptInMemorySaidAndWrittenOnceItCan() throws Exception {
        Path file = folder.resolve("history.jsonl");
        Files.createDirectory(file); // a file no process can append to, even root
        LoginHistory history = history(ist("2026-11-17T10:00"));
        Attempt rejected = RenewalPolicyTest.failed(ist("2026-11-17T09:30"), FailureKind.CREDENTIALS);

        history.append(rejected);

        assertThat(history.attempts("default")).containsExactly(rejected);
        assertThat(history.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("cannot be written", file.toString(), "no automatic login"));

        Files.delete(file);
        Attempt ok = success(ist("2026-11-17T09:40"), 300);
        history.append(ok);
        assertThat(history.problem()).isEmpty();
        assertThat(history(ist("2026-11-17T10:00")).attempts("default")).containsExactly(rejected, ok);
    }

    @Test
    void itsListenerHearsEachAttemptAppendedAndWhatItThrowsLosesNoAttempt() throws Exception {
        LoginHistory history = history(ist("2026-11-17T10:00"));
        List<Attempt> heard = new ArrayList<>();
        history.onAppend(attempt -> {
            heard.add(attempt);
            throw new IllegalStateException("an output's settings could not be read");
        });
        Attempt rejected = RenewalPolicyTest.failed(ist("2026-11-17T09:00"), FailureKind.CREDENTIALS);
        Attempt ok = success(ist("2026-11-17T09:30"), 300);
        history.append(rejected);
        history.append(ok);

        assertThat(heard).containsExactly(rejected, ok);
        assertThat(history.attempts("default")).containsExactly(rejected, ok);
    }

    @Test
    void skipsALineItCannotRead() throws Exception {
        LoginHistory history = history(ist("2026-11-17T10:00"));
        history.append(success(ist("2026-11-17T09:00"), 300));
        Files.writeString(folder.resolve("history.jsonl"), "{half a line\n", StandardOpenOption.APPEND);
        history.append(success(ist("2026-11-17T09:10"), 300));
        assertThat(history.attempts("default")).hasSize(2);
    }

    @Test
    void statsGiveTheSuccessRateAndTheMedianAndP95OfSuccessfulLogins() {
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 1; i <= 19; i++) {
            attempts.add(success(ist("2026-11-17T09:00").plusSeconds(i), i * 100L));
        }
        attempts.add(RenewalPolicyTest.failed(ist("2026-11-17T10:00"), FailureKind.TRANSIENT));
        HistoryStats stats = HistoryStats.of(attempts);
        assertThat(stats.attempts()).isEqualTo(20);
        assertThat(stats.successRate()).isEqualTo(0.95);
        assertThat(stats.medianLogin()).contains(Duration.ofMillis(1000));
        assertThat(stats.p95Login()).contains(Duration.ofMillis(1900));
        assertThat(HistoryStats.of(List.of()).medianLogin()).isEmpty();
    }
}

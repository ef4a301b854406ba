package dev.tokentray.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Hooks as real processes: the token in the environment only, the timeout, the log. */
class HookOutputTest {
    @TempDir
    Path folder;

    private final Logger log = (Logger) LoggerFactory.getLogger(HookOutput.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level level;

    @BeforeEach
    void captureTheLog() {
        level = log.getLevel();
        log.setLevel(Level.INFO);
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void restoreTheLog() {
        log.detachAppender(logged);
        log.setLevel(level);
    }

    private static HookOutput hook(Duration timeout, String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "hook"));
        command.addAll(List.of(arguments));
        return new HookOutput(HookOutputConfig.of(command, timeout));
    }

    @Test
    void theTokenIsInTheHooksEnvironmentAndNotOnItsCommandLine() throws Exception {
        AccessToken token = Tokens.token();
        HookOutput hook = hook(Duration.ofSeconds(30), """
                printf %s "$UPSTOX_ACCESS_TOKEN" > "$1/token"
                printf %s "$UPSTOX_TOKEN_EXPIRES_AT $UPSTOX_USER_ID $UPSTOX_TOKEN_TRAY_PROFILE" > "$1/more"
                tr '\\0' ' ' < /proc/$$/cmdline > "$1/cmdline"
                """, folder.toString());

        hook.deliver(Tokens.renewed(token));

        assertThat(Files.readString(folder.resolve("token"))).isEqualTo(token.value().reveal());
        assertThat(Files.readString(folder.resolve("more")))
                .isEqualTo(TimeText.iso(token.expiresAt()) + " " + Tokens.USER_ID + " default");
        assertThat(Files.readString(folder.resolve("cmdline"))).contains("sh -c").doesNotContain(token.value().reveal());
    }

    @Test
    void whatTheHookPrintsIsLoggedWithTheTokenMaskedWhereverItIs() throws Exception {
        AccessToken token = Tokens.token();
        String value = token.value().reveal();
        String signature = value.substring(value.lastIndexOf('.') + 1);
        HookOutput hook = hook(Duration.ofSeconds(30), """
                echo "restarting the bot"
                echo "Authorization: Bearer $UPSTOX_ACCESS_TOKEN" >&2
                echo "the signature alone: ${UPSTOX_ACCESS_TOKEN##*.}, and twice: $UPSTOX_ACCESS_TOKEN$UPSTOX_ACCESS_TOKEN"
                head -c 5000 /dev/zero | tr '\\0' x; echo "$UPSTOX_ACCESS_TOKEN"
                """);

        hook.deliver(Tokens.renewed(token));

        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).doesNotContain(value, signature));
        assertThat(lines.get(0)).endsWith("said: restarting the bot");
        assertThat(lines.get(1)).endsWith("said: Authorization: Bearer ******");
        assertThat(lines.get(2)).endsWith("said: the signature alone: ******, and twice: ************");
        assertThat(lines.get(3)).endsWith("(a line of over 2000 characters, left out)");
    }

    @Test
    void aHookThatHangsIsEndedAtItsTimeoutWithTheProgramsItStarted() throws Exception {
        Path pids = folder.resolve("pids");
        HookOutput hook = hook(Duration.ofSeconds(1), """
                sleep 300 &
                echo $$ $! > "$1"
                wait
                """, pids.toString());

        long started = System.nanoTime();
        assertThatThrownBy(() -> hook.deliver(Tokens.renewed(Tokens.token())))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("did not end within 1 s");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1).plus(HookOutput.GRACE)
                .plusSeconds(2));
        for (String pid : Files.readString(pids).strip().split(" ")) {
            assertThat(ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)).as("process " + pid).isEmpty();
        }
    }

    @Test
    void aHookThatFailsSaysItsExitCode() {
        HookOutput hook = hook(Duration.ofSeconds(30), "echo cannot restart the bot >&2; exit 3");

        assertThatThrownBy(() -> hook.deliver(Tokens.renewed(Tokens.token())))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("exit code 3");
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(line -> line.endsWith("cannot restart the bot"));
    }

    @Test
    void aHookThatCannotStartSaysSo() {
        HookOutput hook = new HookOutput(HookOutputConfig.of(List.of(folder.resolve("no-such-hook").toString()),
                Duration.ofSeconds(30)));

        assertThatThrownBy(() -> hook.deliver(Tokens.renewed(Tokens.token())))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("cannot be started");
    }

    @Test
    void aHookNeverRunsForATokenItDidNotGetFromThisProcess() throws Exception {
        assertThat(hook(Duration.ofSeconds(30), "exit 0").isBehind(Tokens.token())).isFalse();
    }
}

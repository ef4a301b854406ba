package dev.tokentray.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tokentray.launch.AppLauncher;
import dev.tokentray.launch.AppStart;
import dev.tokentray.launch.AppStartException;
import dev.tokentray.platform.AppDirs;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tray app's everyday starts go to it without picocli (Cli.everydayTrayStart); its other
 * starts are parsed by the root command alone (Commands.startsTheTrayApp); whatever else is given,
 * help and mistakes too, still meets every command. No keychain: none of these reach it.
 */
class CliTrayStartTest {
    @TempDir
    Path home;

    private final List<AppStart> launched = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return run(launched::add, args);
    }

    private int run(AppLauncher launcher, String... args) {
        CliEnvironment environment = new CliEnvironment(Map.of(), new BufferedReader(Reader.nullReader()),
                new PrintWriter(out), new PrintWriter(err, true), Clock.systemUTC(), AppDirs.of("Linux", home, Map.of()),
                () -> {
                    throw new AssertionError("no keychain is needed here");
                },
                launcher, new ExitWaits());
        return Cli.run(args, environment);
    }

    @Test
    void theTrayAppStartsWithItsOptions() {
        assertThat(run()).isZero();
        assertThat(run("--hidden")).isZero();
        assertThat(run("--demo", "--hidden")).isZero();

        assertThat(launched).extracting(AppStart::demo, AppStart::hidden)
                .containsExactly(tuple(false, false), tuple(false, true), tuple(true, true));
    }

    @Test
    void anEverydayStartThatCannotShowTheAppSaysWhyAndExitsTen() {
        for (String[] args : List.of(new String[] {}, new String[] {"--hidden"}, new String[] {"--demo"})) {
            assertThat(run(start -> {
                throw new AppStartException("No display: for a server use `run --headless`");
            }, args)).as("%s", List.of(args)).isEqualTo(ExitCode.APP_CANNOT_START.code);
        }

        assertThat(err.toString()).isEqualTo("No display: for a server use `run --headless`\n".repeat(3));
    }

    @Test
    void helpStillListsEveryCommand() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("Without a command it starts the tray app", "setup", "token", "exec", "outputs",
                "follow");
        assertThat(launched).isEmpty();
    }

    @Test
    void aMistypedCommandOrOptionIsAnsweredWithEveryCommandInView() {
        assertThat(run("tokn")).isEqualTo(ExitCode.USAGE.code);
        assertThat(run("--hiden")).isEqualTo(ExitCode.USAGE.code);

        assertThat(err.toString()).contains("Unmatched argument at index 0: 'tokn'", "Did you mean: upstox-token-tray token",
                "Unknown option: '--hiden'", "Possible solutions: --hidden");
        assertThat(launched).isEmpty();
    }
}

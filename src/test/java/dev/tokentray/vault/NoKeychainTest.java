package dev.tokentray.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine without any keychain: the store must say so at once, and how to fix it. A child JVM
 * plays that machine, its session bus address pointing where no bus is, because the test JVM's
 * own bus (and java-keyring's view of it) cannot be taken away.
 */
class NoKeychainTest {

    private static final Duration BOUND = Duration.ofSeconds(3);
    private static final Pattern OUTCOME = Pattern.compile("^outcome: (\\w+) after (\\d+) ms: (.*)$", Pattern.MULTILINE);

    @Test
    void withoutASessionBusTheStoreReportsThatNoKeychainExistsQuickly(@TempDir Path folder) throws Exception {
        ProcessBuilder child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                NoKeychainTest.class.getName());
        child.environment().put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + folder.resolve("no-bus"));

        Commands.Result result = Commands.run(Duration.ofSeconds(60), child);

        Matcher outcome = OUTCOME.matcher(result.stdout());
        assertThat(outcome.find()).as("the child's outcome line in:%n%s", result.stdout()).isTrue();
        assertThat(outcome.group(1)).isEqualTo(KeychainException.Reason.NO_BACKEND.name());
        assertThat(Duration.ofMillis(Long.parseLong(outcome.group(2)))).isLessThan(BOUND);
        assertThat(outcome.group(3)).contains("No keychain found", "GNOME Keyring", "KWallet");
    }

    /** The child JVM: one read, then one line with the outcome (logging may print other lines). */
    public static void main(String[] args) {
        long start = System.nanoTime();
        try {
            new KeyringSecretStore(KeyringSecretStoreTest.SERVICE).read("any account");
            System.out.println("outcome: READ after " + millisSince(start) + " ms: ");
        } catch (KeychainException e) {
            System.out.println("outcome: " + e.reason() + " after " + millisSince(start) + " ms: " + e.getMessage());
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}

package dev.tokentray.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokentray.testsupport.Commands;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestKeychain;
import dev.tokentray.testsupport.ThrowawayKeyring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The keychain store against a real Secret Service: the GNOME Keyring that scripts/test.sh starts. */
class KeyringSecretStoreTest extends SecretStoreContract {

    static final String SERVICE = TestKeychain.SERVICE;

    private static final Duration SHORT_CALL_TIMEOUT = Duration.ofSeconds(3);
    /** A call may take its whole timeout, plus a moment to give up on its worker. */
    private static final Duration TIMED_OUT_CALL_BOUND = SHORT_CALL_TIMEOUT.plusSeconds(2);

    @Override
    protected SecretStore newStore() {
        RealEnvironment.requireKeychain();
        return new KeyringSecretStore(SERVICE);
    }

    @Test
    void otherSecretServiceClientsFindTheEntryByServiceAndAccount() throws Exception {
        store.write(account, "seen by secret-tool");

        Commands.Result lookup = Commands.run(
                Duration.ofSeconds(10), "secret-tool", "lookup", "service", SERVICE, "account", account);

        assertThat(lookup.stdout()).isEqualTo("seen by secret-tool");
    }

    @Test
    void aLockedKeychainIsReportedWithoutWaitingForAnUnlockPrompt() throws Exception {
        ThrowawayKeyring keyring = ThrowawayKeyring.require();
        KeyringSecretStore lockable = new KeyringSecretStore(SERVICE, SHORT_CALL_TIMEOUT);
        lockable.write(account, "written before the lock");

        keyring.lock();
        try {
            assertLockedWithin(SHORT_CALL_TIMEOUT, () -> lockable.read(account));
            KeychainException refusedWrite =
                    assertLockedWithin(SHORT_CALL_TIMEOUT, () -> lockable.write(account, "written while locked"));
            assertThat(stackTraceOf(refusedWrite)).doesNotContain("written while locked");
        } finally {
            keyring.unlock();
        }

        assertThat(lockable.read(account)).contains("written before the lock");
    }

    @Test
    void aKeychainThatDoesNotAnswerIsGivenUpInTimeAndTheNextCallStartsAfresh() throws Exception {
        ThrowawayKeyring keyring = ThrowawayKeyring.require();
        KeyringSecretStore impatient = new KeyringSecretStore(SERVICE, SHORT_CALL_TIMEOUT);
        impatient.write(account, "written before the keychain hung");

        keyring.freeze();
        try {
            KeychainException timedOut = assertLockedWithin(TIMED_OUT_CALL_BOUND, () -> impatient.read(account));
            assertThat(timedOut.getMessage()).contains("did not answer within 3 s");
        } finally {
            keyring.thaw();
        }

        assertThat(impatient.read(account)).contains("written before the keychain hung");
    }

    /** Its D-Bus reader, blocked in a native read, would hold the JVM's exit for 300 ms. */
    @Test
    void closingEndsTheThreadsOfItsConnectionAndTheNextCallOpensAnother() throws Exception {
        KeyringSecretStore closable = new KeyringSecretStore(SERVICE);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        closable.write(account, "written before the close");
        List<Thread> opened = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread)).toList();

        closable.close();

        for (Thread thread : opened) {
            thread.join(Duration.ofSeconds(5));
        }
        assertThat(opened).as("the threads the store's first call started").isNotEmpty()
                .noneMatch(Thread::isAlive);
        assertThat(closable.read(account)).contains("written before the close");
        closable.close();
    }

    private static KeychainException assertLockedWithin(Duration bound, ThrowingCallable call) {
        long start = System.nanoTime();
        KeychainException failure = catchThrowableOfType(KeychainException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure).as("the failure of a call on a locked keychain").isNotNull();
        assertThat(failure.reason()).isEqualTo(KeychainException.Reason.LOCKED);
        assertThat(failure.getMessage()).contains("locked", "unlock");
        assertThat(took).isLessThan(bound);
        return failure;
    }

    private static String stackTraceOf(Throwable throwable) {
        StringWriter text = new StringWriter();
        throwable.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}

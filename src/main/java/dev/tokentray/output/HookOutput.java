package dev.tokentray.output;

import dev.tokentray.postgres.PostgresAddress;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.upstox.CredentialField;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hook: the trader's command, run after each new token with the token in its environment, never
 * on its command line (which every user of the machine can read in {@code ps}), and without the
 * login's {@code UPSTOX_*} credential variables or a Redis or PostgreSQL password. It is bounded in
 * time: at its timeout it is stopped with every program it started. What it prints goes to the
 * log, line by line, with the token masked wherever it appears, so that the log never holds it
 * whatever the hook prints.
 */
final class HookOutput implements TokenOutput {
    private static final Logger LOG = LoggerFactory.getLogger(HookOutput.class);
    /** Between asking the hook's programs to end (SIGTERM) and ending them (SIGKILL). */
    static final Duration GRACE = Duration.ofSeconds(3);
    /** A hook may not be safe to repeat: it is tried this often for one token, not until it works. */
    private static final int ATTEMPTS = 3;
    private static final int LONGEST_LINE = 2000;
    private static final int MOST_LINES = 200;
    private static final String MASK = "******";
    private static final int DESCRIBED = 60;

    private final HookOutputConfig config;

    HookOutput(HookOutputConfig config) {
        this.config = config;
    }

    /** The command's first words, on one line: a hook may be a whole script. */
    @Override
    public String describe() {
        String command = String.join(" ", config.command()).replaceAll("\\s+", " ");
        return "the hook `" + (command.length() > DESCRIBED ? command.substring(0, DESCRIBED) + "…" : command) + "`";
    }

    @Override
    public Duration timeout() {
        return config.timeout().plus(GRACE).plusSeconds(2);
    }

    @Override
    public int attempts() {
        return ATTEMPTS;
    }

    /** A hook cannot tell whether it has a token: it runs only for a token this process's login made. */
    @Override
    public boolean isBehind(AccessToken token) {
        return false;
    }

    @Override
    public void deliver(NewToken token) throws OutputException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(config.command()).redirectErrorStream(true);
        // The login's own variables (a `setup --from-env` may have run in this environment) and a Redis
        // or PostgreSQL password for `outputs add` are no hook's business: printed, they would reach the log.
        for (CredentialField field : CredentialField.values()) {
            builder.environment().remove(field.environmentVariable());
        }
        builder.environment().remove(RedisPasswords.VARIABLE);
        builder.environment().remove(PostgresAddress.PASSWORD_VARIABLE);
        builder.environment().putAll(environment(token));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new OutputException("It cannot be started (" + e.getMessage() + "): check the command with"
                    + " `upstox-token-tray outputs list`.", e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // it reads no input anyway
        }
        Thread log = Thread.ofVirtual().name("hook-output").start(() -> log(process.getInputStream(), token));
        try {
            if (!process.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                end(process);
                throw new OutputException("It did not end within " + config.timeout().toSeconds() + " s, and was"
                        + " stopped with the programs it started. Make it quicker, or give it more time with"
                        + " `outputs add hook --timeout`.");
            }
        } catch (InterruptedException e) {
            end(process); // the app is stopping: no hook outlives it
            throw e;
        }
        // A program the hook left running may hold its output open: the log waits a moment, not for it.
        log.join(GRACE);
        if (process.exitValue() != 0) {
            throw new OutputException("It ended with exit code " + process.exitValue() + "; what it printed is in"
                    + " the app's log.");
        }
    }

    private static Map<String, String> environment(NewToken token) {
        AccessToken value = token.token();
        return Map.of(
                "UPSTOX_ACCESS_TOKEN", value.value().reveal(),
                "UPSTOX_TOKEN_EXPIRES_AT", TimeText.iso(value.expiresAt()),
                "UPSTOX_TOKEN_ISSUED_AT", TimeText.iso(value.issuedAt()),
                "UPSTOX_USER_ID", value.userId(),
                "UPSTOX_USER_NAME", value.userName(),
                "UPSTOX_TOKEN_TRAY_PROFILE", token.profile());
    }

    /** Ends the hook and every program it started: asked first, then forced after {@link #GRACE}. */
    private static void end(Process process) throws InterruptedException {
        // Taken before the hook ends: its orphans would no longer count as its descendants.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.addFirst(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
            }
        }
    }

    /**
     * Logs what the hook printed, a line at a time, each with the token masked. A line too long to
     * mask whole is left out rather than cut, since a cut could split the token and leave half of
     * it unmasked.
     */
    private void log(InputStream output, NewToken token) {
        String value = token.token().value().reveal();
        // The signature is what makes a token usable: masked also when printed apart from the rest.
        String signature = value.substring(value.lastIndexOf('.') + 1);
        int logged = 0;
        try (Reader reader = new InputStreamReader(output, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            boolean tooLong = false;
            for (int c = reader.read(); ; c = reader.read()) {
                if (c == -1 || c == '\n') {
                    if (line.length() > 0 || tooLong) {
                        if (logged++ < MOST_LINES) {
                            LOG.info("{} said: {}", describe(), tooLong
                                    ? "(a line of over " + LONGEST_LINE + " characters, left out)"
                                    : mask(line.toString().stripTrailing(), value, signature));
                        }
                    }
                    line.setLength(0);
                    tooLong = false;
                    if (c == -1) {
                        break;
                    }
                } else if (line.length() < LONGEST_LINE) {
                    line.append((char) c);
                } else {
                    tooLong = true;
                }
            }
        } catch (IOException e) {
            // the hook was ended: what it printed so far is logged
        }
        if (logged > MOST_LINES) {
            LOG.info("{} printed {} more lines, left out of the log", describe(), logged - MOST_LINES);
        }
    }

    static String mask(String line, String token, String signature) {
        String masked = line.replace(token, MASK);
        return signature.length() >= 16 ? masked.replace(signature, MASK) : masked;
    }
}

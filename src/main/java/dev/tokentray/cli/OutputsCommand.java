package dev.tokentray.cli;

import dev.tokentray.accounts.UnknownProfileException;
import dev.tokentray.output.FileFormat;
import dev.tokentray.output.FileOutputConfig;
import dev.tokentray.output.HookOutputConfig;
import dev.tokentray.output.OutputConfig;
import dev.tokentray.output.OutputDispatcher;
import dev.tokentray.output.OutputSettings;
import dev.tokentray.output.PostgresOutputConfig;
import dev.tokentray.output.RedisOutputConfig;
import dev.tokentray.postgres.AuditDatabase;
import dev.tokentray.postgres.DatabaseProblems;
import dev.tokentray.postgres.PostgresAddress;
import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.vault.KeychainException;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@code outputs add file|hook|redis|postgres}, {@code outputs list}, {@code outputs remove}: where each new
 * token of a profile goes besides the keychain. An output added while a valid token is stored gets
 * it at once (a hook waits for the next one).
 */
@Command(name = "outputs", mixinStandardHelpOptions = true,
        description = "Where each new token goes besides the keychain: token files, hooks, Redis, PostgreSQL.")
final class OutputsCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    private OutputsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new OutputsCommand(environment))
                .addSubcommand(new CommandLine(new Add(environment))
                        .addSubcommand(new AddFile(environment))
                        // The hook's own options are its own: `outputs add hook notify.sh --quiet`.
                        .addSubcommand(new CommandLine(new AddHook(environment)).setStopAtPositional(true))
                        .addSubcommand(new AddRedis(environment))
                        .addSubcommand(new AddPostgres(environment)))
                .addSubcommand(new ListOutputs(environment))
                .addSubcommand(new Remove(environment));
    }

    @Override
    public Integer call() {
        return usage(spec, environment);
    }

    private static Integer usage(CommandSpec spec, CliEnvironment environment) {
        spec.commandLine().usage(environment.err());
        return ExitCode.USAGE.code;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds an output: file, hook, redis or postgres.")
    static final class Add implements Callable<Integer> {
        private final CliEnvironment environment;

        @Spec
        CommandSpec spec;

        Add(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            return usage(spec, environment);
        }
    }

    @Command(name = "file", mixinStandardHelpOptions = true,
            description = {"Writes each new token to PATH: replaced as a whole (a bot never reads half a file),"
                    + " owner-only.",
                    "plain: the token and a newline; dotenv: UPSTOX_ACCESS_TOKEN=... in a .env file, every other line"
                    + " kept as it was; json: access_token, expires_at, issued_at, user_id, user_name."})
    static final class AddFile implements Callable<Integer> {
        private final CliEnvironment environment;

        @Mixin
        CommonOptions common;

        @Option(names = "--format", required = true, paramLabel = "plain|dotenv|json", description = "What the file holds.")
        String format;

        @Parameters(paramLabel = "PATH", description = "The file (made absolute from the current folder).")
        Path path;

        AddFile(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws Exception {
            Path file = path.toAbsolutePath();
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(file + " is a folder: give the token file's path, like "
                        + file.resolve(".env") + ".");
            }
            CliServices services = CliServices.start(environment, common);
            OutputConfig added = services.outputSettings().add(services.profile(),
                    FileOutputConfig.of(FileFormat.of(format), file));
            return added(services, added, environment);
        }
    }

    @Command(name = "hook", mixinStandardHelpOptions = true,
            description = {"Runs COMMAND after each new token, with UPSTOX_ACCESS_TOKEN, UPSTOX_TOKEN_EXPIRES_AT,"
                    + " UPSTOX_TOKEN_ISSUED_AT, UPSTOX_USER_ID, UPSTOX_USER_NAME and UPSTOX_TOKEN_TRAY_PROFILE in its"
                    + " environment (never on its command line). It is stopped, with what it started, after --timeout;"
                    + " what it prints goes to the app's log, the token masked. A failed hook is tried 3 times.",
                    "Example: upstox-token-tray outputs add hook -- systemctl --user restart my-bot"})
    static final class AddHook implements Callable<Integer> {
        private final CliEnvironment environment;

        @Mixin
        CommonOptions common;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "How long it may run (default: 30s).")
        Duration timeout = HookOutputConfig.DEFAULT_TIMEOUT;

        @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (after --).")
        List<String> command;

        AddHook(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws Exception {
            HookOutputConfig draft = HookOutputConfig.of(command, timeout);
            CliServices services = CliServices.start(environment, common);
            return added(services, services.outputSettings().add(services.profile(), draft), environment);
        }
    }

    @Command(name = "redis", mixinStandardHelpOptions = true,
            description = {"On each new token: SET PREFIX:USER_ID:access_token (expiring with the token), a hash"
                    + " PREFIX:USER_ID:token_meta, and PUBLISH PREFIX:token_renewed with the user id and expiry.",
                    "URL: redis://USER@HOST:PORT/DB, or rediss:// for TLS; no password in it. The password goes to the"
                    + " keychain, from stdin (--password-stdin) or the REDISCLI_AUTH variable."})
    static final class AddRedis implements Callable<Integer> {
        private final CliEnvironment environment;

        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "URL", description = "redis://USER@HOST:PORT/DB or rediss://...")
        String url;

        @Option(names = "--prefix", paramLabel = "PREFIX", description = "The keys' and channel's prefix (default: upstox).")
        String prefix = RedisOutputConfig.DEFAULT_PREFIX;

        @Option(names = "--password-stdin", description = "Read the password from stdin (at a terminal: asked, not shown).")
        boolean passwordStdin;

        AddRedis(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws Exception {
            RedisAddress address = RedisAddress.parse(url);
            RedisOutputConfig draft = RedisOutputConfig.of(address, prefix);
            Optional<Secret> password = password(passwordStdin, RedisPasswords.VARIABLE, environment,
                    "Password of " + address.userOrDefault() + " at " + address.host() + ": ");
            CliServices services = CliServices.start(environment, common);
            if (!address.tls() && !address.onThisMachine()) {
                environment.err().println("Warning: with redis:// the token crosses the network unencrypted; use"
                        + " rediss:// (TLS) unless this network is yours alone.");
            }
            try (Jedis redis = RedisConnector.connect(address, password)) {
                redis.ping();
            } catch (JedisDataException e) { // refused: a wrong password or user
                throw new IllegalArgumentException(RedisConnector.explain(address, e) + " Nothing was added.");
            } catch (JedisException e) {
                environment.err().println(RedisConnector.explain(address, e) + " Added anyway: it gets the token when"
                        + " it can be reached.");
            }
            if (password.isPresent()) {
                new RedisPasswords(services.keychain()).save(address, password.get());
            }
            return added(services, services.outputSettings().add(services.profile(), draft), environment);
        }

    }

    @Command(name = "postgres", mixinStandardHelpOptions = true,
            description = {"An audit trail: each login attempt (failed ones too) as a row of upstox_login_attempts,"
                    + " each new token's metadata as a row of upstox_tokens; the tables are made (and upgraded) on first"
                    + " use. The token itself only with --store-token.",
                    "URL: jdbc:postgresql://HOST:PORT/DATABASE?user=ROLE[&sslmode=verify-full]; no password in it. The"
                    + " password goes to the keychain, from stdin (--password-stdin) or the PGPASSWORD variable."})
    static final class AddPostgres implements Callable<Integer> {
        private final CliEnvironment environment;

        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "JDBC_URL", description = "jdbc:postgresql://HOST:PORT/DATABASE?user=ROLE")
        String url;

        @Option(names = "--store-token", description = "Keep the token itself in upstox_tokens.access_token too.")
        boolean storeToken;

        @Option(names = "--password-stdin", description = "Read the password from stdin (at a terminal: asked, not shown).")
        boolean passwordStdin;

        AddPostgres(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws Exception {
            PostgresAddress address = PostgresAddress.parse(url);
            Optional<Secret> password = password(passwordStdin, PostgresAddress.PASSWORD_VARIABLE, environment,
                    "Password of " + address.user() + " at " + address.host() + ": ");
            CliServices services = CliServices.start(environment, common);
            if (storeToken && !address.safeFromTheNetwork()) {
                environment.err().println("Warning: without sslmode=verify-full the token crosses the network"
                        + " unencrypted or to an unchecked server; add it to the URL unless this network is yours alone.");
            }
            try (AuditDatabase database = new AuditDatabase(address, () -> password)) {
                database.migrate();
            } catch (SQLException e) {
                String problem = DatabaseProblems.explain(address, e);
                if (DatabaseProblems.refused(e)) {
                    throw new IllegalArgumentException(problem + " Nothing was added.");
                }
                environment.err().println(problem + " Added anyway: it gets the attempts and tokens when it can be"
                        + " reached.");
            }
            if (password.isPresent()) {
                services.keychain().write(address.keychainAccount(), password.get().reveal());
            }
            return added(services, services.outputSettings().add(services.profile(),
                    PostgresOutputConfig.of(address, storeToken)), environment);
        }
    }

    /** A server's password: typed (not shown) or piped with {@code --password-stdin}, else from {@code variable}. */
    static Optional<Secret> password(boolean fromStdin, String variable, CliEnvironment environment,
            String prompt) throws IOException {
        String typed;
        if (fromStdin) {
            Console console = System.console();
            if (console != null && console.isTerminal()) {
                char[] entered = console.readPassword("%s", prompt);
                typed = entered == null ? "" : new String(entered);
            } else {
                typed = Optional.ofNullable(environment.in().readLine()).orElse("");
            }
        } else {
            typed = environment.variables().getOrDefault(variable, "");
        }
        return typed.isEmpty() ? Optional.empty() : Optional.of(Secret.of(typed));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the profile's outputs, with their ids.")
    static final class ListOutputs implements Callable<Integer> {
        private final CliEnvironment environment;

        @Mixin
        CommonOptions common;

        ListOutputs(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws UnknownProfileException, KeychainException {
            CliServices services = CliServices.start(environment, common);
            List<OutputConfig> outputs = services.outputSettings().of(services.profile());
            PrintWriter out = environment.out();
            if (outputs.isEmpty()) {
                out.printf("Profile '%s' hands its token to no output; add one with"
                        + " `outputs add file|hook|redis|postgres`.%n", services.profile());
            }
            for (OutputConfig output : outputs) {
                out.printf("%-9s %s%n", output.id(), output.summary());
            }
            return ExitCode.OK.code;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes an output (its id from `outputs list`). A token file stays where it is.")
    static final class Remove implements Callable<Integer> {
        private final CliEnvironment environment;

        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "ID", description = "The output's id, like file-1.")
        String id;

        Remove(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() throws Exception {
            CliServices services = CliServices.start(environment, common);
            OutputSettings settings = services.outputSettings();
            OutputConfig removed = settings.remove(services.profile(), id).orElseThrow(() -> new IllegalArgumentException(
                    "Profile '" + services.profile() + "' has no output '" + id + "'; `outputs list` shows its outputs."));
            if (removed instanceof RedisOutputConfig redis && settings.all().stream().noneMatch(other ->
                    other instanceof RedisOutputConfig same && same.address().sharesPasswordWith(redis.address()))) {
                new RedisPasswords(services.keychain()).delete(redis.address());
            }
            if (removed instanceof PostgresOutputConfig postgres && settings.all().stream().noneMatch(other ->
                    other instanceof PostgresOutputConfig same && same.address().sharesPasswordWith(postgres.address()))) {
                services.keychain().delete(postgres.address().keychainAccount());
            }
            environment.out().printf("Removed %s (%s).%s%n", removed.id(), removed.summary(),
                    removed instanceof FileOutputConfig ? " The file stays: delete it if no bot reads it." : "");
            return ExitCode.OK.code;
        }
    }

    /** Says what was added, and hands it the stored token at once when there is a valid one. */
    private static int added(CliServices services, OutputConfig added, CliEnvironment environment) throws Exception {
        environment.out().printf("Added %s to profile '%s': %s.%n", added.id(), services.profile(), added.summary());
        Optional<AccessToken> token = added instanceof HookOutputConfig ? Optional.empty() : services.vault().token()
                .filter(stored -> stored.stateAt(environment.clock().instant()).usable());
        if (token.isEmpty()) {
            environment.out().println("It gets the next new token.");
            return ExitCode.OK.code;
        }
        AtomicBoolean failed = new AtomicBoolean();
        try (ThreadScheduler scheduler = new ThreadScheduler();
                OutputDispatcher outputs = services.outputs(scheduler, failure -> {
                    failed.set(true);
                    environment.err().println(failure.title() + ": " + failure.problem());
                })) {
            outputs.seen(services.profile(), token.get());
            outputs.awaitIdle(outputs.longestCall());
        }
        environment.out().println(failed.get() ? "It gets the next new token."
                : "It has the current token now, and gets each new one.");
        return ExitCode.OK.code;
    }
}

package dev.tokentray.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TimeText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token files on the real file system: each format, the .env merge, the atomic replace, owner-only. */
class FileOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private FileOutput output(FileFormat format, Path file) {
        return new FileOutput(FileOutputConfig.of(format, file));
    }

    @Test
    void plainHoldsTheTokenAndANewlineAndOnlyItsOwnerMayReadIt() throws Exception {
        Path file = folder.resolve("token");
        AccessToken token = Tokens.token();

        output(FileFormat.PLAIN, file).deliver(Tokens.renewed(token));

        assertThat(Files.readString(file)).isEqualTo(token.value().reveal() + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void jsonHoldsTheTokenItsTimesAndItsUser() throws Exception {
        Path file = folder.resolve("token.json");
        AccessToken token = Tokens.token();

        output(FileFormat.JSON, file).deliver(Tokens.renewed(token));

        JsonNode json = JSON.readTree(file.toFile());
        assertThat(json.properties()).extracting(entry -> entry.getKey())
                .containsExactly("access_token", "expires_at", "issued_at", "user_id", "user_name");
        assertThat(json.path("access_token").asText()).isEqualTo(token.value().reveal());
        assertThat(json.path("expires_at").asText()).isEqualTo(TimeText.iso(token.expiresAt()));
        assertThat(json.path("issued_at").asText()).isEqualTo(TimeText.iso(token.issuedAt()));
        assertThat(json.path("user_id").asText()).isEqualTo(Tokens.USER_ID);
        assertThat(json.path("user_name").asText()).isEqualTo(Tokens.USER_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void dotenvSetsTheTokenAndKeepsEveryOtherLineCommentAndLineEndingAsItWas() throws Exception {
        Path file = folder.resolve(".env");
        String before = """
                # Upstox login for the bot
                UPSTOX_USERNAME=9876543210

                export UPSTOX_ACCESS_TOKEN="old-token"   # renewed by the tray
                UPSTOX_ACCESS_TOKEN_BACKUP=keep-me
                \tUPSTOX_ACCESS_TOKEN = also-old\r
                BOT_MODE=paper # trailing comment""";
        Files.writeString(file, before);
        AccessToken token = Tokens.token();
        String value = token.value().reveal();

        output(FileFormat.DOTENV, file).deliver(Tokens.renewed(token));

        assertThat(Files.readString(file)).isEqualTo("""
                # Upstox login for the bot
                UPSTOX_USERNAME=9876543210

                export UPSTOX_ACCESS_TOKEN="%s"   # renewed by the tray
                UPSTOX_ACCESS_TOKEN_BACKUP=keep-me
                \tUPSTOX_ACCESS_TOKEN = %s\r
                BOT_MODE=paper # trailing comment""".formatted(value, value));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void dotenvAddsTheVariableWhenTheFileHasNoneOrIsMissing() throws Exception {
        Path file = folder.resolve(".env");
        Files.writeString(file, "A=1\r\nB=2");
        AccessToken token = Tokens.token();

        output(FileFormat.DOTENV, file).deliver(Tokens.renewed(token));
        assertThat(Files.readString(file)).isEqualTo("A=1\r\nB=2\r\nUPSTOX_ACCESS_TOKEN=" + token.value().reveal() + "\r\n");

        Path missing = folder.resolve("new/.env");
        output(FileFormat.DOTENV, missing).deliver(Tokens.renewed(token));
        assertThat(Files.readString(missing)).isEqualTo("UPSTOX_ACCESS_TOKEN=" + token.value().reveal() + "\n");
    }

    /**
     * A bot reading the file while it is replaced sees the old token or the new one, whole, never a
     * partial or empty file: the writer replaces the file until the reader has seen both many times.
     */
    @Test
    void aReaderInALoopNeverSeesAPartialFile() throws Exception {
        Path file = folder.resolve("token.json");
        // Large tokens: a file written in place would be seen half-written at once.
        AccessToken[] tokens = {big('a'), big('b')};
        FileOutput output = output(FileFormat.JSON, file);
        output.deliver(Tokens.renewed(tokens[0]));
        Set<String> whole = Set.of(FileFormat.JSON.render(Optional.empty(), tokens[0]),
                FileFormat.JSON.render(Optional.empty(), tokens[1]));
        ConcurrentHashMap<String, Integer> seen = new ConcurrentHashMap<>();
        AtomicReference<String> partial = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                try {
                    String content = Files.readString(file, StandardCharsets.UTF_8);
                    if (whole.contains(content)) {
                        seen.merge(content, 1, Integer::sum);
                    } else {
                        partial.compareAndSet(null, content.length() + " characters");
                    }
                } catch (NoSuchFileException e) {
                    partial.compareAndSet(null, "no file");
                } catch (Exception e) {
                    partial.compareAndSet(null, e.toString());
                }
            }
        });
        try {
            int[] writes = {0};
            Poll.until("the reader to see each token 50 times", Duration.ofSeconds(60), Duration.ZERO, () -> {
                output.deliver(Tokens.renewed(tokens[++writes[0] % 2]));
                return partial.get() != null || seen.size() == 2 && seen.values().stream().allMatch(n -> n >= 50);
            });
        } finally {
            done.set(true);
            reader.join();
        }
        assertThat(partial.get()).as("a read of neither whole file").isNull();
    }

    private static AccessToken big(char fill) {
        AccessToken token = Tokens.token();
        return new AccessToken(Secret.of("eyJ." + String.valueOf(fill).repeat(300_000) + ".sig"), token.issuedAt(),
                token.expiresAt(), token.userId(), token.userName());
    }

    @Test
    void aSymbolicLinkStaysALinkAndItsFileGetsTheToken() throws Exception {
        Path real = Files.createDirectories(folder.resolve("bot")).resolve(".env");
        Files.writeString(real, "A=1\n");
        Path link = Files.createSymbolicLink(folder.resolve(".env"), real);
        AccessToken token = Tokens.token();

        output(FileFormat.DOTENV, link).deliver(Tokens.renewed(token));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("A=1\nUPSTOX_ACCESS_TOKEN=" + token.value().reveal() + "\n");
    }

    @Test
    void isBehindUntilTheFileHoldsThisToken() throws Exception {
        for (FileFormat format : FileFormat.values()) {
            Path file = folder.resolve("behind-" + format.id());
            FileOutput output = output(format, file);
            AccessToken token = Tokens.token();
            assertThat(output.isBehind(token)).as(format + ", missing").isTrue();

            output.deliver(Tokens.renewed(token));
            assertThat(output.isBehind(token)).as(format + ", written").isFalse();
            assertThat(output.isBehind(Tokens.token())).as(format + ", another token").isTrue();
        }
    }

    @Test
    void aFileThatCannotBeWrittenSaysWhyWithoutTheToken() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("plain-file"), "x");
        AccessToken token = Tokens.token();

        assertThatThrownBy(() -> output(FileFormat.PLAIN, notAFolder.resolve("token")).deliver(Tokens.renewed(token)))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining(notAFolder.toString())
                .hasMessageNotContaining(token.value().reveal());
    }
}

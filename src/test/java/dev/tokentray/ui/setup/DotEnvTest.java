package dev.tokentray.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokentray.upstox.CredentialField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {

    @Test
    void readsTheSixUpstoxTotpVariables() {
        DotEnv env = DotEnv.parse("""
                UPSTOX_USERNAME=9876543210
                UPSTOX_PIN_CODE=123456
                UPSTOX_TOTP_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
                UPSTOX_CLIENT_ID=6f1c2d3e-4a5b-4c7d-8e9f-0a1b2c3d4e5f
                UPSTOX_CLIENT_SECRET=sim0secret0key
                UPSTOX_REDIRECT_URI=http://127.0.0.1:5055/callback
                """);

        assertThat(env.size()).isEqualTo(6);
        assertThat(env.values()).containsExactlyInAnyOrderEntriesOf(Map.of(
                CredentialField.MOBILE, "9876543210",
                CredentialField.PIN, "123456",
                CredentialField.TOTP_SECRET, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                CredentialField.CLIENT_ID, "6f1c2d3e-4a5b-4c7d-8e9f-0a1b2c3d4e5f",
                CredentialField.CLIENT_SECRET, "sim0secret0key",
                CredentialField.REDIRECT_URI, "http://127.0.0.1:5055/callback"));
    }

    @Test
    void takesExportQuotesCommentsAndSpacesAsShellsAndPythonDotenvDo() {
        DotEnv env = DotEnv.parse("""
                # Upstox login for my bot
                export UPSTOX_USERNAME = 9876543210   # the mobile number
                  UPSTOX_PIN_CODE='123456'
                UPSTOX_TOTP_SECRET="GEZD GNBV GY3T QOJQ"
                UPSTOX_CLIENT_SECRET="a\\"b#c\\\\d"
                UPSTOX_REDIRECT_URI=http://127.0.0.1:5055/callback#not-a-comment
                """);

        assertThat(env.values()).containsEntry(CredentialField.MOBILE, "9876543210")
                .containsEntry(CredentialField.PIN, "123456")
                .containsEntry(CredentialField.TOTP_SECRET, "GEZD GNBV GY3T QOJQ")
                .containsEntry(CredentialField.CLIENT_SECRET, "a\"b#c\\d")
                .containsEntry(CredentialField.REDIRECT_URI, "http://127.0.0.1:5055/callback#not-a-comment");
    }

    @Test
    void singleQuotesAreLiteral() {
        assertThat(DotEnv.parse("UPSTOX_CLIENT_SECRET='a\\nb $X # c'").values())
                .containsEntry(CredentialField.CLIENT_SECRET, "a\\nb $X # c");
    }

    @Test
    void ignoresOtherVariablesCommentsAndLinesItCannotRead() {
        DotEnv env = DotEnv.parse("""
                OPENAI_API_KEY=sk-123
                # UPSTOX_PIN_CODE=000000
                UPSTOX_PIN_CODE
                this is not an assignment
                UPSTOX_TOTP_SECRET="never closed
                upstox_username=9876543210
                UPSTOX_CLIENT_ID=abcdef12
                """);

        assertThat(env.values()).containsOnlyKeys(CredentialField.CLIENT_ID);
    }

    @Test
    void theLastAssignmentWinsAndAnEmptyValueIsKeptEmpty() {
        DotEnv env = DotEnv.parse("UPSTOX_PIN_CODE=111111\nUPSTOX_PIN_CODE=222222\nUPSTOX_CLIENT_ID=\n");

        assertThat(env.values()).containsEntry(CredentialField.PIN, "222222").containsEntry(CredentialField.CLIENT_ID, "");
    }

    @Test
    void windowsLineEndsAndAByteOrderMarkAreFine() {
        DotEnv env = DotEnv.parse("\uFEFFUPSTOX_USERNAME=9876543210\r\nUPSTOX_PIN_CODE=123456\r\n");

        assertThat(env.values()).containsEntry(CredentialField.MOBILE, "9876543210")
                .containsEntry(CredentialField.PIN, "123456");
    }

    @Test
    void itsTextNamesTheVariablesButNeverAValue() {
        DotEnv env = DotEnv.parse("UPSTOX_PIN_CODE=123456\nUPSTOX_CLIENT_SECRET=very-secret\n");

        assertThat(env.toString()).contains("UPSTOX_PIN_CODE", "UPSTOX_CLIENT_SECRET")
                .doesNotContain("123456", "very-secret");
    }

    @Test
    void readsAFile(@TempDir Path folder) throws IOException {
        Path file = folder.resolve(".env");
        Files.writeString(file, "UPSTOX_USERNAME=9876543210\n", StandardCharsets.UTF_8);

        assertThat(DotEnv.read(file).values()).containsEntry(CredentialField.MOBILE, "9876543210");
    }

    @Test
    void readsALatin1File(@TempDir Path folder) throws IOException {
        Path file = folder.resolve(".env");
        Files.write(file, "# caf\u00e9\nUPSTOX_PIN_CODE=123456\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(DotEnv.read(file).values()).containsEntry(CredentialField.PIN, "123456");
    }

    @Test
    void refusesAFileFarTooLargeForOne(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("big.env");
        Files.write(file, new byte[(int) DotEnv.MAX_BYTES + 1]);

        assertThatThrownBy(() -> DotEnv.read(file)).isInstanceOf(IOException.class).hasMessageContaining("larger");
    }
}

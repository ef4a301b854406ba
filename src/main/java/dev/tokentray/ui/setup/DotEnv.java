package dev.tokentray.ui.setup;

import dev.tokentray.upstox.CredentialField;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Upstox values of a {@code .env} file, under the variable names of the upstox-totp SDK
 * ({@link CredentialField#environmentVariable()}). It reads what python-dotenv and a shell's
 * {@code set -a; . ./.env} read for plain values: {@code KEY=VALUE} lines, an {@code export }
 * prefix, {@code #} comments (whole lines, and after an unquoted value), single quotes (taken
 * literally) and double quotes (with {@code \"}, {@code \\}, {@code \n} and {@code \t}). Other
 * variables and lines it cannot read are ignored; a variable given twice takes the last value.
 *
 * <p>Its {@code toString()} names the variables found, never a value.
 */
public final class DotEnv {
    /** Far more than any .env of six values; a bigger file is not what the trader meant to pick. */
    static final long MAX_BYTES = 256 * 1024;

    private static final Pattern ASSIGNMENT =
            Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*)$");

    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#");

    private final Map<CredentialField, String> values;

    private DotEnv(Map<CredentialField, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Reads a file (UTF-8, or Latin-1 where it is not UTF-8). */
    public static DotEnv read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file.getFileName() + " is larger than a .env file of Upstox values can be ("
                    + MAX_BYTES / 1024 + " KB at most)");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return parse(new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    public static DotEnv parse(String text) {
        Map<CredentialField, String> values = new EnumMap<>(CredentialField.class);
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (String line : content.split("\\r\\n|\\r|\\n")) {
            Matcher matcher = ASSIGNMENT.matcher(line.strip());
            if (!matcher.matches()) {
                continue; // a comment, a blank line, or something that is no assignment
            }
            Optional<CredentialField> field = fieldNamed(matcher.group(1));
            if (field.isEmpty()) {
                continue;
            }
            value(matcher.group(2)).ifPresent(value -> values.put(field.get(), value));
        }
        return new DotEnv(values);
    }

    /** The values found, by field; only fields the file named. */
    public Map<CredentialField, String> values() {
        return values;
    }

    public int size() {
        return values.size();
    }

    private static Optional<CredentialField> fieldNamed(String name) {
        for (CredentialField field : CredentialField.values()) {
            if (field.environmentVariable().equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** The value after '=': quoted, or plain up to a comment. Empty when it cannot be read. */
    static Optional<String> value(String raw) {
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            return end < 0 ? Optional.empty() : Optional.of(raw.substring(1, end));
        }
        if (raw.startsWith("\"")) {
            return doubleQuoted(raw);
        }
        Matcher comment = COMMENT.matcher(raw);
        String value = comment.find() ? raw.substring(0, comment.start()) : raw;
        return Optional.of(value.strip());
    }

    private static Optional<String> doubleQuoted(String raw) {
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                return Optional.of(value.toString());
            }
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case '"', '\\', '\'', '$' -> value.append(next);
                    default -> value.append('\\').append(next);
                }
            } else {
                value.append(c);
            }
        }
        return Optional.empty(); // no closing quote on the line
    }

    @Override
    public String toString() {
        return values.keySet().stream().map(CredentialField::environmentVariable)
                .collect(Collectors.joining(", ", "DotEnv[", "]"));
    }
}

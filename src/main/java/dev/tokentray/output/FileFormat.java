package dev.tokentray.output;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TimeText;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a token file holds, and how the token is found in it again. */
public enum FileFormat {
    /** The token and a newline: {@code $(cat FILE)}. */
    PLAIN {
        @Override
        String render(Optional<String> existing, AccessToken token) {
            return token.value().reveal() + "\n";
        }

        @Override
        Optional<Secret> read(String content) {
            return Optional.of(Secret.of(content.strip()));
        }
    },
    /**
     * A {@code .env} file: sets {@code UPSTOX_ACCESS_TOKEN=} and keeps every other line, comment,
     * blank line and line ending as it was. Every line that sets the variable gets the token (the
     * tools that read .env files differ on which of several wins); without one, a line is added.
     */
    DOTENV {
        @Override
        String render(Optional<String> existing, AccessToken token) {
            String text = existing.orElse("");
            StringBuilder merged = new StringBuilder();
            boolean set = false;
            for (String line : text.isEmpty() ? new String[0] : text.split("(?<=\n)")) {
                String ending = line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
                Matcher assignment = ASSIGNMENT.matcher(line.substring(0, line.length() - ending.length()));
                if (assignment.matches()) {
                    merged.append(assignment.group(1)).append(assignment.group(2)).append(token.value().reveal())
                            .append(assignment.group(2)).append(assignment.group(4)).append(ending);
                    set = true;
                } else {
                    merged.append(line);
                }
            }
            if (!set) {
                String newline = text.contains("\r\n") ? "\r\n" : "\n";
                if (!text.isEmpty() && !text.endsWith("\n")) {
                    merged.append(newline);
                }
                merged.append(VARIABLE).append('=').append(token.value().reveal()).append(newline);
            }
            return merged.toString();
        }

        @Override
        Optional<Secret> read(String content) {
            Optional<Secret> value = Optional.empty();
            for (String line : content.split("\r?\n")) {
                Matcher assignment = ASSIGNMENT.matcher(line);
                if (assignment.matches()) {
                    value = Optional.of(Secret.of(assignment.group(3)));
                }
            }
            return value;
        }
    },
    /** {@code access_token}, {@code expires_at}, {@code issued_at} (ISO-8601), {@code user_id}, {@code user_name}. */
    JSON {
        @Override
        String render(Optional<String> existing, AccessToken token) {
            try {
                return MAPPER.writeValueAsString(MAPPER.createObjectNode()
                        .put("access_token", token.value().reveal())
                        .put("expires_at", TimeText.iso(token.expiresAt()))
                        .put("issued_at", TimeText.iso(token.issuedAt()))
                        .put("user_id", token.userId())
                        .put("user_name", token.userName())) + "\n";
            } catch (JacksonException e) {
                throw new IllegalStateException("Five strings always make JSON", e);
            }
        }

        @Override
        Optional<Secret> read(String content) {
            try {
                JsonNode value = MAPPER.readTree(content).path("access_token");
                return value.isTextual() ? Optional.of(Secret.of(value.asText())) : Optional.empty();
            } catch (JacksonException e) {
                return Optional.empty(); // damaged: written anew
            }
        }
    };

    static final String VARIABLE = "UPSTOX_ACCESS_TOKEN";
    /** {@code [export ]UPSTOX_ACCESS_TOKEN=value[ # comment]}, the value bare or quoted. */
    private static final Pattern ASSIGNMENT =
            Pattern.compile("^(\\s*(?:export\\s+)?" + VARIABLE + "\\s*=\\s*)(['\"]?)([^'\"\\s#]*)\\2(.*)$");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The file's new content; {@code existing} is what the file holds now, when it exists. */
    abstract String render(Optional<String> existing, AccessToken token);

    /** The token a file with this content holds, if any. */
    abstract Optional<Secret> read(String content);

    /** Whether the format keeps what the file held ({@link #DOTENV}): it must read it first. */
    boolean merges() {
        return this == DOTENV;
    }

    /** The name in the settings file and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FileFormat of(String id) {
        for (FileFormat format : values()) {
            if (format.id().equalsIgnoreCase(id)) {
                return format;
            }
        }
        throw new IllegalArgumentException("The token file's format is plain, dotenv or json, not '" + id + "'.");
    }
}

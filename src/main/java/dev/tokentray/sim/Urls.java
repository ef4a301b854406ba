package dev.tokentray.sim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query strings for the addresses the simulator hands out. */
final class Urls {
    private Urls() {}

    /** {@code uri} with the parameters appended, encoded; {@code namesAndValues} alternates name, value. */
    static String withQuery(String uri, String... namesAndValues) {
        StringBuilder result = new StringBuilder(uri);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            result.append(i == 0 && !uri.contains("?") ? '?' : '&')
                    .append(encoded(namesAndValues[i]))
                    .append('=')
                    .append(encoded(namesAndValues[i + 1]));
        }
        return result.toString();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

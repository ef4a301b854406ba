package dev.tokentray.cli;

import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads where to listen: {@code PORT} (on 127.0.0.1), or {@code HOST:PORT} ({@code 0.0.0.0:9400},
 * {@code [::1]:9400}). Only loopback unless a host is given: health, metrics and the webhook
 * belong behind the machine's own reverse proxy or Prometheus.
 */
final class ListenAddressConverter implements ITypeConverter<InetSocketAddress> {
    private static final Pattern FORM = Pattern.compile("(?:(\\[[0-9a-fA-F:.]+]|[^:\\[\\]]+):)?(\\d{1,5})");

    @Override
    public InetSocketAddress convert(String value) {
        Matcher matcher = FORM.matcher(value.strip());
        int port = matcher.matches() ? Integer.parseInt(matcher.group(2)) : -1;
        if (port < 0 || port > 65535) {
            throw new TypeConversionException("'" + value + "' is not an address to listen on, such as 9400,"
                    + " 127.0.0.1:9400 or 0.0.0.0:9400");
        }
        String host = matcher.group(1) == null ? "127.0.0.1" : matcher.group(1).replaceAll("^\\[|]$", "");
        return new InetSocketAddress(host, port);
    }
}

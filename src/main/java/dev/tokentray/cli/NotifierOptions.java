package dev.tokentray.cli;

import dev.tokentray.upstox.NotifierListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where Upstox's Notifier Webhook (the approval login's token) is received: `run --headless` and `login --approval`. */
final class NotifierOptions {
    static final String DEFAULT_PATH = "/upstox/notifier";

    @Option(names = "--notifier-listen", paramLabel = "[HOST:]PORT", converter = ListenAddressConverter.class,
            description = "Receive Upstox's Notifier Webhook (the approval login's token) here, behind your HTTPS"
                    + " reverse proxy; on 127.0.0.1 unless a host is given.")
    InetSocketAddress listen;

    @Option(names = "--notifier-path", paramLabel = "PATH",
            description = "The path the webhook's POSTs arrive at (default: ${DEFAULT-VALUE}).")
    String path = DEFAULT_PATH;

    /** The listener, when one was asked for. */
    Optional<NotifierListener> start(NotifierListener.Receiver receiver) throws IOException {
        return listen == null ? Optional.empty() : Optional.of(NotifierListener.start(listen, path, receiver));
    }
}

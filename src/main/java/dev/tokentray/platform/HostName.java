package dev.tokentray.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * This computer's name, for the outputs to say which machine wrote a token. The kernel's own name
 * first: {@link InetAddress#getLocalHost()} looks the name up in DNS, which can take seconds.
 */
public final class HostName {
    private static final Path LINUX = Path.of("/proc/sys/kernel/hostname");

    private HostName() {}

    public static String of(Map<String, String> environment) {
        return Optional.ofNullable(environment.get("COMPUTERNAME")) // Windows
                .or(HostName::fromKernel)
                .or(HostName::fromLookup)
                .filter(name -> !name.isBlank())
                .orElse("unknown");
    }

    private static Optional<String> fromKernel() {
        try {
            return Files.isReadable(LINUX) ? Optional.of(Files.readString(LINUX).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> fromLookup() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

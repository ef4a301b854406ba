package dev.tokentray.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How far /proc/stat's btime (whole seconds) is from the boot time, which is what Java's
 * {@code ProcessHandle.Info.startInstant()} builds a process's start from on Linux: its error, the
 * same for every process until a reboot, and between 0 and 1 s.
 */
final class BootTime {
    private BootTime() {}

    static String describe() {
        try {
            long btime = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("btime "))
                    .map(l -> Long.parseLong(l.substring(6).strip())).findFirst().orElseThrow();
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            double boot = System.currentTimeMillis() / 1000.0 - uptime;
            return String.format(Locale.ROOT, "this boot: btime %d, the boot was at %.2f, %.0f ms later", btime, boot,
                    (boot - btime) * 1000);
        } catch (IOException | RuntimeException e) {
            return "btime not readable";
        }
    }
}

import java.awt.SystemTray;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until a tray host on $DISPLAY can take tray icons, as AWT sees it: {@link
 * SystemTray#isSupported()} is true while some program owns the {@code _NET_SYSTEM_TRAY_S0}
 * selection, and AWT follows that owner as it comes and goes. Debian has no command-line tool
 * that shows a selection's owner, and this asks the very question a tray test asks.
 *
 * <p>Run as a source file: {@code java WaitForTrayHost.java SECONDS}. Exits 0 once the tray is
 * there, 1 when it is not there within SECONDS.
 */
public class WaitForTrayHost {
    public static void main(String[] args) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(Long.parseLong(args[0])));
        while (!SystemTray.isSupported()) {
            if (Instant.now().isAfter(deadline)) {
                System.exit(1);
            }
            Thread.sleep(100);
        }
        System.exit(0); // AWT's event thread would keep the JVM alive
    }
}

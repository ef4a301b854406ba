package dev.tokentray.ui.fx;

import com.sun.jna.platform.unix.LibC;
import java.util.Locale;

/**
 * Keeps GTK 3 from loading OpenGL when JavaFX draws in software. The installed app asks JavaFX for
 * its software renderer ({@code -Dprism.order=sw}, packaging/jvm-options), yet GDK, which JavaFX
 * starts on Linux, opens OpenGL to choose its visuals: that loads Mesa, ~60 MB of resident memory
 * (libLLVM alone ~44 MB) on a machine without a GPU, for nothing drawn. GDK skips it with
 * {@code GDK_GL=disable} in the environment; a JVM cannot change its own environment, so libc's
 * {@code setenv} does, before JavaFX loads GTK. A value the user set is kept. The installed Linux
 * app's command sets the variable itself (packaging/build.sh, {@code write_start_script}), so that
 * this JNA call, ~2 MB of resident memory, is only made when the app is started another way.
 */
final class GdkWithoutOpenGl {
    private GdkWithoutOpenGl() {}

    static void applyBeforeGtkStarts() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        if (linux && "sw".equals(System.getProperty("prism.order")) && System.getenv("GDK_GL") == null) {
            LibC.INSTANCE.setenv("GDK_GL", "disable", 0);
        }
    }
}

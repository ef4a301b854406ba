package dev.tokentray.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.platform.StartAtLogin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartAtLoginSwitchTest {
    final List<String> calls = new ArrayList<>();
    final StartAtLogin platform = new StartAtLogin() {
        boolean on;

        @Override
        public boolean supported() {
            return true;
        }

        @Override
        public boolean enabled() {
            return on;
        }

        @Override
        public void enable(List<String> command) {
            calls.add("enable " + String.join(" ", command));
            on = true;
        }

        @Override
        public void disable() {
            calls.add("disable");
            on = false;
        }
    };

    @Test
    void switchesThePlatformsEntryWithTheAppsCommand() throws Exception {
        StartAtLoginSwitch sw = StartAtLoginSwitch.of(platform, Optional.of(List.of("/opt/tray/bin/tray")));

        assertThat(sw.supported()).isTrue();
        sw.set(true);
        assertThat(sw.enabled()).isTrue();
        sw.set(false);

        assertThat(calls).containsExactly("enable /opt/tray/bin/tray", "disable");
        assertThat(sw.enabled()).isFalse();
    }

    @Test
    void withoutTheCommandThatStartedTheAppItIsUnsupported() {
        assertThat(StartAtLoginSwitch.of(platform, Optional.empty()).supported()).isFalse();
        assertThat(StartAtLoginSwitch.UNSUPPORTED.supported()).isFalse();
    }
}

package dev.tokentray.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LaunchAgent as it would be written into ~/Library/LaunchAgents. */
class MacLaunchAgentTest {
    @TempDir
    Path home;

    @Test
    void writesAnAgentThatRunsTheAppHiddenAtLoginAndRemovesIt() throws Exception {
        StartAtLogin mac = StartAtLogin.of("Mac OS X", home, java.util.Map.of());
        Path plist = home.resolve("Library/LaunchAgents/dev.tokentray.upstox-token-tray.plist");
        assertThat(mac.enabled()).isFalse();

        mac.enable(List.of("/Applications/Upstox Token Tray.app/Contents/MacOS/Upstox Token Tray"));

        assertThat(mac.enabled()).isTrue();
        assertThat(Files.readString(plist)).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                    <key>Label</key>
                    <string>dev.tokentray.upstox-token-tray</string>
                    <key>ProgramArguments</key>
                    <array>
                        <string>/Applications/Upstox Token Tray.app/Contents/MacOS/Upstox Token Tray</string>
                        <string>--hidden</string>
                    </array>
                    <key>RunAtLoad</key>
                    <true/>
                    <key>LimitLoadToSessionType</key>
                    <string>Aqua</string>
                    <key>ProcessType</key>
                    <string>Interactive</string>
                </dict>
                </plist>
                """);

        mac.disable();
        assertThat(plist).doesNotExist();
        assertThat(mac.enabled()).isFalse();
    }

    @Test
    void escapesXmlInArguments() {
        assertThat(MacLaunchAgent.plist(List.of("/a&b/<c>"))).contains("<string>/a&amp;b/&lt;c&gt;</string>");
    }
}

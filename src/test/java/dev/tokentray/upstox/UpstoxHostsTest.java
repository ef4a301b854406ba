package dev.tokentray.upstox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstoxHostsTest {
    @Test
    void defaultsToUpstox() {
        UpstoxHosts hosts = UpstoxHosts.fromEnvironment(Map.of());
        assertThat(hosts.api("/v2/x")).isEqualTo(URI.create("https://api.upstox.com/v2/x"));
        assertThat(hosts.service("/login")).isEqualTo(URI.create("https://service.upstox.com/login"));
    }

    @Test
    void acceptsPlainHttpOnLoopbackOnly() {
        for (String base : new String[] {"http://127.0.0.1:8080", "http://127.8.9.1/", "http://[::1]:9", "http://localhost:1"}) {
            assertThat(UpstoxHosts.fromEnvironment(Map.of("UPSTOX_API_BASE_URL", base)).api().toString()).isEqualTo(base);
        }
        for (String base : new String[] {"http://api.upstox.com", "http://10.0.0.5:80", "http://127.0.0.1.evil.example",
                "ftp://127.0.0.1"}) {
            assertThatThrownBy(() -> UpstoxHosts.fromEnvironment(Map.of("UPSTOX_SERVICE_BASE_URL", base)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("UPSTOX_SERVICE_BASE_URL");
        }
        assertThat(UpstoxHosts.fromEnvironment(Map.of("UPSTOX_API_BASE_URL", "https://proxy.example")).api().getHost())
                .isEqualTo("proxy.example");
    }
}

package dev.tokentray.renew;

import static dev.tokentray.renew.RenewalFixture.ist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoginWindowTest {
    @Test
    void theDefaultWindowOpensAt0530AndClosesAtMidnightIst() {
        LoginHours window = LoginHours.DEFAULT;
        assertThat(window.toString()).isEqualTo("05:30-24:00");
        assertThat(window.contains(ist("2026-11-16T05:29"))).isFalse();
        assertThat(window.contains(ist("2026-11-16T05:30"))).isTrue();
        assertThat(window.contains(ist("2026-11-16T23:59"))).isTrue();
        assertThat(window.contains(ist("2026-11-17T00:00"))).isFalse();
        assertThat(window.nextOpening(ist("2026-11-17T01:00"))).isEqualTo(ist("2026-11-17T05:30"));
        assertThat(window.nextOpening(ist("2026-11-16T09:00"))).isEqualTo(ist("2026-11-16T09:00"));
    }

    @Test
    void aWindowMayWrapPastMidnight() {
        LoginHours night = LoginHours.parse("22:00-02:00");
        assertThat(night.contains(ist("2026-11-16T23:00"))).isTrue();
        assertThat(night.contains(ist("2026-11-17T01:59"))).isTrue();
        assertThat(night.contains(ist("2026-11-17T02:00"))).isFalse();
        assertThat(night.nextOpening(ist("2026-11-17T03:00"))).isEqualTo(ist("2026-11-17T22:00"));
    }

    @Test
    void parsesAlwaysAndRejectsNonsense() {
        assertThat(LoginHours.parse("always")).isEqualTo(LoginHours.ALWAYS);
        assertThat(LoginHours.ALWAYS.contains(ist("2026-11-17T03:00"))).isTrue();
        assertThat(LoginHours.parse("6:00-23:30")).isEqualTo(new LoginHours(360, 1410));
        for (String bad : new String[] {"6-23", "25:00-26:00", "05:30-05:30", "05:61-06:00", "24:30-01:00"}) {
            assertThatThrownBy(() -> LoginHours.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

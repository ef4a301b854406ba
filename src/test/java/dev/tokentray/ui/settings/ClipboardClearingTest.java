package dev.tokentray.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClipboardClearingTest {

    @Test
    void theStandardChoicesReadAsTheTraderSaysThem() {
        assertThat(ClipboardClearing.STANDARD).extracting(ClipboardClearing::label)
                .containsExactly("After 30 seconds", "After 1 minute", "After 2 minutes", "After 5 minutes", "Never");
    }

    @Test
    void aHandEditedTimeJoinsTheChoicesInItsPlace() {
        assertThat(ClipboardClearing.choices(Optional.of(Duration.ofSeconds(90)))).extracting(ClipboardClearing::label)
                .containsExactly("After 30 seconds", "After 1 minute", "After 90 seconds", "After 2 minutes",
                        "After 5 minutes", "Never");
        assertThat(ClipboardClearing.choices(Optional.of(Duration.ofMinutes(1)))).isEqualTo(ClipboardClearing.STANDARD);
        assertThat(ClipboardClearing.choices(Optional.empty())).isEqualTo(ClipboardClearing.STANDARD);
    }

    @Test
    void zeroMeansNever() {
        assertThat(ClipboardClearing.after(Duration.ZERO).after()).isEmpty();
    }
}

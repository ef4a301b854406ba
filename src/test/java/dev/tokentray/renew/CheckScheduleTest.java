package dev.tokentray.renew;

import static dev.tokentray.renew.RenewalFixture.ist;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the periodic checks of the token come: the market's hours on weekdays, by default. 16 Nov 2026 is a Monday. */
class CheckScheduleTest {
    private final CheckSchedule market = CheckSchedule.DEFAULT;

    @Test
    void everyQuarterOfAnHourWithinTheMarketsHours() {
        assertThat(market.nextAfter(ist("2026-11-16T09:00"))).hasValue(ist("2026-11-16T09:15"));
        assertThat(market.nextAfter(ist("2026-11-16T15:14"))).hasValue(ist("2026-11-16T15:29"));
    }

    @Test
    void outsideTheHoursTheNextComesAtTheOpening() {
        assertThat(market.nextAfter(ist("2026-11-16T05:30"))).hasValue(ist("2026-11-16T09:00"));
        assertThat(market.nextAfter(ist("2026-11-16T15:20"))).as("15:35 is past the close").hasValue(ist("2026-11-17T09:00"));
        assertThat(market.nextAfter(ist("2026-11-16T23:50"))).hasValue(ist("2026-11-17T09:00"));
    }

    @Test
    void notOnWeekends() {
        assertThat(market.nextAfter(ist("2026-11-20T15:20"))).as("Friday's close").hasValue(ist("2026-11-23T09:00"));
        assertThat(market.nextAfter(ist("2026-11-21T10:00"))).as("Saturday").hasValue(ist("2026-11-23T09:00"));
    }

    @Test
    void alwaysMeansAnyDayAtAnyHour() {
        CheckSchedule always = new CheckSchedule(Optional.of(Duration.ofSeconds(2)), LoginHours.ALWAYS);

        assertThat(always.nextAfter(ist("2026-11-21T23:59:59"))).hasValue(ist("2026-11-22T00:00:01"));
    }

    @Test
    void offMeansNone() {
        CheckSchedule off = new CheckSchedule(Optional.empty(), LoginHours.ALWAYS);

        assertThat(off.on()).isFalse();
        assertThat(off.nextAfter(ist("2026-11-16T10:00"))).isEmpty();
    }

    @Test
    void theSettingsFileKeepsTheScheduleAndTheLoginMethod() {
        RenewalSettings settings = RenewalSettings.DEFAULT.withLoginMethod(LoginMethod.APPROVAL)
                .withReadyBy(LocalTime.of(9, 0))
                .withValidityCheck(new CheckSchedule(Optional.empty(), LoginHours.parse("09:15-15:30")));

        RenewalSettings read = RenewalSettings.fromJson(settings.toJson(JsonNodeFactory.instance.objectNode()));

        assertThat(read).isEqualTo(settings);
        assertThat(settings.toJson(JsonNodeFactory.instance.objectNode()).path("validityCheck").path("every").asText())
                .isEqualTo("off");
        assertThat(RenewalSettings.fromJson(JsonNodeFactory.instance.objectNode())).isEqualTo(RenewalSettings.DEFAULT);
    }
}

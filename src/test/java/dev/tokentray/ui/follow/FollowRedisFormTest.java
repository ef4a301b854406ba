package dev.tokentray.ui.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowRedisFormTest {

    private static FollowRedisForm form(String label, String url, String userId) {
        return new FollowRedisForm(label, url, userId, Optional.empty());
    }

    @Test
    void aUrlAndAUserIdAreEnoughAndTheLabelDefaultsToTheUserId() {
        FollowRedisForm form = form(" ", " rediss://laptop@vps.example.com:6380/0 ", " AB1234 ");
        assertThat(form.problem()).isEmpty();
        assertThat(form.follow().userId()).isEqualTo("AB1234");
        assertThat(form.follow().address().tls()).isTrue();
        assertThat(form.follow().prefix()).isEqualTo("upstox");
        assertThat(form.labelOrUserId()).isEqualTo("AB1234");
        assertThat(form("VPS", "redis://h/0", "AB1234").labelOrUserId()).isEqualTo("VPS");
    }

    @Test
    void saysWhatIsMissingOrWrong() {
        assertThat(form("", "", "AB1234").problem()).contains("Give the Redis URL and the account's Upstox user id.");
        assertThat(form("", "http://vps", "AB1234").problem()).hasValueSatisfying(
                why -> assertThat(why).contains("starts with redis:// or rediss://"));
        assertThat(form("", "redis://laptop:secret@vps/0", "AB1234").problem()).hasValueSatisfying(
                why -> assertThat(why).contains("Put no password in the Redis URL").doesNotContain("secret@"));
        assertThat(form("", "redis://vps/0", "AB 12").problem()).hasValueSatisfying(
                why -> assertThat(why).contains("An Upstox user id has letters and digits"));
    }
}

package dev.tokentray.upstox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The webhook's notice, read leniently: its fields are known from others' code, not from Upstox's pages. */
class ApprovalNoticeTest {
    private static final Instant ISSUED = Instant.parse("2026-03-02T04:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-03-02T22:00:00Z");

    @Test
    void readsTheFieldsOthersCodeReads() {
        ApprovalNotice notice = ApprovalNotice.parse("""
                {"client_id":"abc-123","user_id":"SIM001","access_token":"eyJ.x.y","token_type":"Bearer",
                 "expires_at":"%d","issued_at":"%d","message_type":"access_token"}"""
                .formatted(EXPIRES.toEpochMilli(), ISSUED.toEpochMilli()));

        assertThat(notice.clientId()).hasValue("abc-123");
        assertThat(notice.userId()).hasValue("SIM001");
        assertThat(notice.accessToken().reveal()).isEqualTo("eyJ.x.y");
        assertThat(notice.tokenType()).hasValue("Bearer");
        assertThat(notice.expiresAt()).hasValue(EXPIRES);
        assertThat(notice.issuedAt()).hasValue(ISSUED);
        assertThat(notice.carriesAToken()).isTrue();
        assertThat(notice.toString()).doesNotContain("eyJ.x.y");
    }

    @Test
    void timesMayBeSecondsNumbersOrIsoTextAndFieldsMayBeInADataEnvelope() {
        ApprovalNotice seconds = ApprovalNotice.parse("{\"data\":{\"access_token\":\"t\",\"issued_at\":%d,\"expires_at\":\"%s\"}}"
                .formatted(ISSUED.getEpochSecond(), "2026-03-03T03:30:00+05:30"));

        assertThat(seconds.accessToken().reveal()).isEqualTo("t");
        assertThat(seconds.issuedAt()).hasValue(ISSUED);
        assertThat(seconds.expiresAt()).hasValue(EXPIRES);
        assertThat(seconds.clientId()).isEmpty();
        assertThat(seconds.messageType()).isEmpty();
        assertThat(seconds.carriesAToken()).as("no message type is no other type").isTrue();
    }

    @Test
    void aFormBodyIsReadToo() {
        ApprovalNotice notice = ApprovalNotice.parse("client_id=abc&access_token=t%2Bu&expires_at=garbage");

        assertThat(notice.clientId()).hasValue("abc");
        assertThat(notice.accessToken().reveal()).isEqualTo("t+u");
        assertThat(notice.expiresAt()).as("an unreadable time is no time").isEmpty();
    }

    @Test
    void anotherMessageTypeIsNoToken() {
        assertThat(ApprovalNotice.parse("{\"access_token\":\"t\",\"message_type\":\"order_update\"}").carriesAToken())
                .isFalse();
    }

    @Test
    void aNoticeWithoutATokenIsRefusedWithoutQuotingTheBody() {
        assertThatThrownBy(() -> ApprovalNotice.parse("{\"client_id\":\"secret-looking\",\"access_token\":\"\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret-looking");
        assertThatThrownBy(() -> ApprovalNotice.parse("not a notice")).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.tokentray.upstox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook's receiving end over HTTP: POSTs at its path reach the receiver; everything else does not. */
class NotifierListenerTest {
    private final List<ApprovalNotice> received = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private NotifierListener listener;

    @BeforeEach
    void start() throws Exception {
        listener = NotifierListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/upstox/notifier",
                notice -> {
                    received.add(notice);
                    return notice.clientId().filter("ours"::equals).isPresent()
                            ? NotifierListener.Verdict.accepted("stored")
                            : new NotifierListener.Verdict(403, "not ours");
                });
    }

    @AfterEach
    void stop() {
        listener.close();
        http.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + listener.port() + path);
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNoticeAtThePathGetsTheReceiversVerdict() throws Exception {
        HttpResponse<String> accepted = send("POST", "/upstox/notifier", "{\"client_id\":\"ours\",\"access_token\":\"t\"}");
        HttpResponse<String> refused = send("POST", "/upstox/notifier", "{\"client_id\":\"theirs\",\"access_token\":\"t\"}");

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"status\":\"success\"", "stored");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"status\":\"error\"", "not ours");
        assertThat(received).hasSize(2);
    }

    @Test
    void anythingElseNeverReachesTheReceiver() throws Exception {
        assertThat(send("POST", "/elsewhere", "{\"access_token\":\"t\"}").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/upstox/notifier", "").statusCode()).isEqualTo(405);
        assertThat(send("POST", "/upstox/notifier", "{\"client_id\":\"ours\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/upstox/notifier", "x".repeat(NotifierListener.MAX_BODY_BYTES + 1)).statusCode())
                .isEqualTo(413);
        assertThat(received).isEmpty();
    }
}

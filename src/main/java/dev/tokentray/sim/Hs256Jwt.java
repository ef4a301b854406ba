package dev.tokentray.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs JWTs with HMAC-SHA256, the algorithm of Upstox's access tokens. */
final class Hs256Jwt {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;

    Hs256Jwt(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    String sign(Map<String, Object> claims) {
        try {
            String signingInput = HEADER + "." + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return signingInput + "." + BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has HmacSHA256 and the claims are plain values", e);
        }
    }
}

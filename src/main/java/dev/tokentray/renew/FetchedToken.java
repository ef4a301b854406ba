package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import java.util.Optional;

/**
 * A valid token, and the login that made it when this call made one (none when the stored token
 * was still good, or another process renewed it while this one waited).
 */
public record FetchedToken(AccessToken token, Optional<Attempt> login) {}

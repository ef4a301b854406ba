package dev.tokentray.sim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** What the API host tells of the trader, in the token answer and the profile, in snake case. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record UserDetails(
        String email,
        List<String> exchanges,
        List<String> products,
        String broker,
        String userId,
        String userName,
        List<String> orderTypes,
        String userType,
        boolean poa,
        boolean ddpi,
        boolean isActive) {

    static final String USER_TYPE = "individual";

    static UserDetails of(SimulatedAccount account) {
        return new UserDetails(
                account.email(),
                List.of("NSE", "NFO", "BSE", "BFO", "CDS", "MCX"),
                List.of("D", "I", "CO", "MTF"),
                "UPSTOX",
                account.userId(),
                account.userName(),
                List.of("MARKET", "LIMIT", "SL", "SL-M"),
                USER_TYPE,
                false,
                true,
                true);
    }
}

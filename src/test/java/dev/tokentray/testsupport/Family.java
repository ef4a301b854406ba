package dev.tokentray.testsupport;

import dev.tokentray.sim.SimulatedAccount;
import java.util.List;
import java.util.UUID;

/**
 * A family's three accounts, as the tests of several accounts use them: the simulator's side
 * ({@link SimulatedAccount#numbered} 1 to 3) and profiles of the test's own to keep them under.
 *
 * @param profiles own-, huf- and mother- with a random ending, so that tests never share entries
 */
public record Family(List<String> profiles, List<SimulatedAccount> accounts) {

    public static Family ofThree() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return new Family(List.of("own-" + run, "huf-" + run, "mother-" + run),
                List.of(SimulatedAccount.numbered(1), SimulatedAccount.numbered(2), SimulatedAccount.numbered(3)));
    }
}

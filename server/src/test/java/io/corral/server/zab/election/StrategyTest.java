package io.corral.server.zab.election;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.election.Vote;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyTest {
    @Test
    void freshestOrdersByEpochThenZxidThenId() {
        FreshestStrategy s = new FreshestStrategy();
        assertTrue(s.supersedes(new Vote(1, 0, 2), new Vote(3, 100, 1)), "a newer epoch wins over more zxids");
        assertTrue(s.supersedes(new Vote(1, 5, 1), new Vote(3, 4, 1)), "then the newer zxid");
        assertTrue(s.supersedes(new Vote(3, 5, 1), new Vote(1, 5, 1)), "then the higher id");
        assertFalse(s.supersedes(new Vote(1, 5, 1), new Vote(1, 5, 1)), "a vote does not beat itself");
    }

    @Test
    void preferredLeaderOnlyBreaksTies() {
        PreferredLeaderStrategy s = new PreferredLeaderStrategy();
        s.configure(Map.of("election.preferredLeader", "1"));
        assertTrue(s.supersedes(new Vote(1, 5, 1), new Vote(3, 5, 1)), "preferred wins a tie");
        assertFalse(s.supersedes(new Vote(3, 5, 1), new Vote(1, 5, 1)));
        assertFalse(s.supersedes(new Vote(1, 4, 1), new Vote(3, 5, 1)), "never over a fresher candidate");
        assertTrue(s.supersedes(new Vote(3, 5, 1), new Vote(2, 5, 1)), "others fall back to the id order");
    }

    @Test
    void preferredLeaderNeedsItsSetting() {
        assertThrows(IllegalArgumentException.class, () -> new PreferredLeaderStrategy().configure(Map.of()));
    }
}

package io.corral.server.zab.role;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.server.zab.History;
import io.corral.server.zab.Ready;
import io.corral.server.zab.ZabMessage;
import io.corral.server.zab.quorum.QuorumVerifier;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeadingTest {

    /** Leader 1 of {1, 2, 3}, established with follower 2 (epoch 1). */
    private static Leading established(History history) {
        Leading lead = new Leading(1, new QuorumVerifier(Set.of(1L, 2L, 3L)), history, 0, 0, 10_000, 10_000, 0);
        Ready r = new Ready();
        lead.receive(2, new ZabMessage.FollowerInfo(0, false), 0, r);
        lead.receive(2, new ZabMessage.AckEpoch(0, 0), 0, r);
        lead.receive(2, new ZabMessage.Ack(1L << 32), 0, r);
        assertTrue(lead.established());
        return lead;
    }

    @Test
    void proposalsBeyondTheHistoryBoundStillCommitWithTheirOwnBytes() {
        // The in-memory history keeps 2 entries; 5 proposals wait for their quorum at once.
        Leading lead = established(new History(2, 0));
        Ready r = new Ready();
        for (int i = 1; i <= 5; i++) {
            assertEquals((1L << 32) | i, lead.propose(new byte[] {(byte) i}, r));
        }
        Ready acks = new Ready();
        lead.persisted((1L << 32) | 5, acks);
        lead.receive(2, new ZabMessage.Ack((1L << 32) | 5), 0, acks);
        assertEquals(5, acks.commits.size());
        for (int i = 1; i <= 5; i++) {
            assertEquals((1L << 32) | i, acks.commits.get(i - 1).zxid());
            assertArrayEquals(new byte[] {(byte) i}, acks.commits.get(i - 1).bytes());
        }
    }

    @Test
    void aCommitNeedsAQuorumAndFollowsZxidOrder() {
        Leading lead = established(new History(100, 0));
        Ready r = new Ready();
        lead.propose(new byte[] {1}, r);
        lead.propose(new byte[] {2}, r);
        Ready onlyFollower = new Ready();
        lead.receive(2, new ZabMessage.Ack((1L << 32) | 2), 0, onlyFollower);
        assertEquals(0, onlyFollower.commits.size(), "the leader's own log is not durable yet: 1 of 3 is no quorum");
        Ready own = new Ready();
        lead.persisted((1L << 32) | 1, own);
        assertEquals(1, own.commits.size(), "the first one has leader + follower; the second waits for the leader");
        assertEquals((1L << 32) | 1, own.commits.get(0).zxid());
    }

    @Test
    void theEpochEndsBeforeItsZxidCounterRunsOut() {
        Leading lead = established(new History(100, 0));
        lead.skipCounterTo(0xffff_ffeeL);
        Ready r = new Ready();
        assertEquals((1L << 32) | 0xffff_ffefL, lead.propose(new byte[] {1}, r));
        assertTrue(!lead.counterExhausted(), "still room in the epoch");
        assertEquals((1L << 32) | 0xffff_fff0L, lead.propose(new byte[] {2}, r));
        assertTrue(lead.counterExhausted(), "the leader must give up the epoch now, long before the low bits wrap");
    }
}

package io.corral.server.zab.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.election.Vote;
import io.corral.server.zab.quorum.QuorumVerifier;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The two survivors of a 3-server ensemble whose leader (server 3) died, stepped by hand: how soon they settle,
 * and what they tell each other when a vote crossed a switch to LOOKING.
 */
class FailoverElectionTest {
    private static final long FINALIZE_WAIT_MS = 200;
    private static final Set<Long> ALL = Set.of(1L, 2L, 3L);
    private static final QuorumVerifier QUORUM = new QuorumVerifier(ALL);

    private static FastLeaderElection election(long id) {
        return new FastLeaderElection(id, QUORUM, ALL, new FreshestStrategy(), FINALIZE_WAIT_MS, FINALIZE_WAIT_MS);
    }

    private static Notification to(List<FastLeaderElection.Outbound> out, long to) {
        return out.stream().filter(o -> o.to() == to).findFirst().orElseThrow().notification();
    }

    @Test
    void survivorsSettleAtOnceWhenTheLostLeaderIsSuspected() {
        FastLeaderElection one = election(1);
        FastLeaderElection two = election(2);
        List<FastLeaderElection.Outbound> fromOne = one.start(7, 1, 4, 0, Set.of(3L));
        List<FastLeaderElection.Outbound> fromTwo = two.start(7, 1, 4, 0, Set.of(3L));

        // Server 1 hears server 2's better vote, adopts it: a quorum agrees and every unsuspected voter is heard.
        List<FastLeaderElection.Outbound> adopted = one.receive(to(fromTwo, 1), 1);
        assertNotNull(one.outcome(), "no finalizeWait for a leader that is gone");
        assertEquals(2, one.outcome().leaderId());
        assertEquals(PeerState.FOLLOWING, one.outcome().state());

        two.receive(to(fromOne, 2), 1);
        assertNull(two.outcome(), "server 1's first vote was for itself");
        two.receive(to(adopted, 2), 2);
        assertNotNull(two.outcome());
        assertEquals(PeerState.LEADING, two.outcome().state());
    }

    @Test
    void withoutSuspectsAQuorumStillWaitsForTheSilentVoter() {
        FastLeaderElection one = election(1);
        FastLeaderElection two = election(2);
        one.start(7, 1, 4, 0);
        List<FastLeaderElection.Outbound> fromTwo = two.start(7, 1, 4, 0);
        one.receive(to(fromTwo, 1), 1);
        assertNull(one.outcome(), "server 3 might still send a better vote");
        one.tick(FINALIZE_WAIT_MS);
        assertNull(one.outcome());
        one.tick(FINALIZE_WAIT_MS + 1);
        assertNotNull(one.outcome());
        assertEquals(2, one.outcome().leaderId());
    }

    @Test
    void aSuspectThatTurnsOutFresherStillWinsWhenHeardInTime() {
        FastLeaderElection one = election(1);
        one.start(7, 1, 4, 0, Set.of(3L));
        Vote fresher = new Vote(3, 9, 1);
        List<FastLeaderElection.Outbound> out = one.receive(new Notification(3, PeerState.LOOKING, fresher, 5), 1);
        assertEquals(fresher, one.proposal());
        assertTrue(out.stream().allMatch(o -> o.notification().vote().equals(fresher)));
    }

    @Test
    void aWorseVoteInTheSameRoundIsAnsweredWithOurs() {
        FastLeaderElection two = election(2);
        two.start(7, 1, 4, 0, Set.of(3L));
        // Server 1 votes for itself in round 5: it missed server 2's vote while it was still following.
        List<FastLeaderElection.Outbound> out = two.receive(
                new Notification(1, PeerState.LOOKING, new Vote(1, 7, 1), 5), 1);
        assertEquals(1, out.size());
        assertEquals(1, out.get(0).to());
        assertEquals(new Vote(2, 7, 1), out.get(0).notification().vote());
        assertEquals(5, out.get(0).notification().round());
        // Once server 1 votes as we do, nothing more is sent.
        assertEquals(List.of(), two.receive(new Notification(1, PeerState.LOOKING, new Vote(2, 7, 1), 5), 2));
        assertNotNull(two.outcome());
    }

    @Test
    void aBetterOrEqualVoteGetsNoAnswer() {
        FastLeaderElection one = election(1);
        one.start(7, 1, 4, 0); // nobody suspected: server 1 waits for server 3, so it stays looking below
        // Server 2's vote supersedes ours: adopted and broadcast, not answered as a worse vote.
        List<FastLeaderElection.Outbound> out = one.receive(
                new Notification(2, PeerState.LOOKING, new Vote(2, 7, 1), 5), 1);
        assertEquals(2, out.size(), "our new vote goes to servers 2 and 3, nothing else");
        assertEquals(List.of(), one.receive(new Notification(2, PeerState.LOOKING, new Vote(2, 7, 1), 5), 2));
        assertNull(one.outcome());
    }
}

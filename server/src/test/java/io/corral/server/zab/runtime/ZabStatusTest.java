package io.corral.server.zab.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.persistence.LogEntry;
import io.corral.persistence.memory.MemoryTxnLog;
import io.corral.server.time.SystemClock;
import io.corral.server.zab.History;
import io.corral.server.zab.ZabPeer;
import io.corral.server.zab.ZabRole;
import io.corral.server.zab.election.FreshestStrategy;
import io.corral.server.zab.quorum.QuorumVerifier;
import io.corral.server.zab.role.Leading.LearnerStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runtime publishes for monitoring, on three voters and an observer over loopback sockets. */
class ZabStatusTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final class NoState implements ReplicatedState {
        @Override
        public void apply(List<LogEntry> committed) {
        }

        @Override
        public byte[] snapshot(long zxid) {
            return new byte[0];
        }

        @Override
        public void loadSnapshot(long zxid, byte[] snapshot) {
        }

        @Override
        public void reload(long zxid) {
        }

        @Override
        public void roleChanged(ZabRole role, long leaderId, boolean serving, long epoch) {
        }
    }

    private final Map<Long, ZabRuntime> runtimes = new HashMap<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ZabRuntime r : runtimes.values()) {
            r.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void theLeaderPublishesItsLearnersAndEveryMemberItsPhase() throws Exception {
        Map<Long, InetSocketAddress> quorum = new HashMap<>();
        Map<Long, InetSocketAddress> election = new HashMap<>();
        for (long id = 1; id <= 4; id++) {
            quorum.put(id, new InetSocketAddress("127.0.0.1", freePort()));
            election.put(id, new InetSocketAddress("127.0.0.1", freePort()));
        }
        QuorumVerifier voters = new QuorumVerifier(Set.of(1L, 2L, 3L));
        ZabPeer.Timing timing = new ZabPeer.Timing(50, 2_000, 1_000, 100);
        for (long id = 1; id <= 4; id++) {
            ZabPeer peer = new ZabPeer(id, voters, Set.of(1L, 2L, 3L, 4L), new FreshestStrategy(), timing,
                    new History(500, 0), 0, 0);
            ZabRuntime runtime = new ZabRuntime(peer, null, new MemoryTxnLog(), new EpochFiles(dir.resolve("s" + id)),
                    new NoState(), SystemClock.INSTANCE, 50);
            runtimes.put(id, runtime.withTransport(new QuorumTransport(id, quorum, election, runtime)));
        }
        for (ZabRuntime r : runtimes.values()) {
            assertEquals("looking", r.status().peerState());
            r.start();
        }

        long leader = await().atMost(WAIT).until(() -> {
            for (Map.Entry<Long, ZabRuntime> e : runtimes.entrySet()) {
                ZabStatus s = e.getValue().status();
                if (s.role() == ZabRole.LEADING && s.learners().size() == 3
                        && s.learners().stream().allMatch(LearnerStatus::synced)) {
                    return e.getKey();
                }
            }
            return null;
        }, java.util.Objects::nonNull);

        ZabStatus lead = runtimes.get(leader).status();
        assertEquals("leading - broadcast", lead.peerState());
        assertEquals(leader, lead.leaderId());
        assertEquals(List.of(1L, 2L, 3L, 4L).stream().filter(id -> id != leader).toList(),
                lead.learners().stream().map(LearnerStatus::id).toList());
        assertEquals(List.of(4L), lead.learners().stream().filter(LearnerStatus::observer).map(LearnerStatus::id)
                .toList());
        assertTrue(lead.electionTimeMs() >= 0);
        assertTrue(lead.leadingSinceMs() >= 0);
        assertEquals(-1, lead.lastProposalSize(), "no proposal yet, as ZooKeeper's -1");

        for (long id : runtimes.keySet()) {
            if (id == leader) {
                continue;
            }
            String expected = id == 4 ? "observing - broadcast" : "following - broadcast";
            await().atMost(WAIT).until(() -> runtimes.get(id).status().peerState().equals(expected));
            ZabStatus s = runtimes.get(id).status();
            assertEquals(leader, s.leaderId());
            assertEquals(List.of(), s.learners());
            assertEquals(-1, s.leadingSinceMs());
        }

        runtimes.get(leader).propose(new byte[8]);
        runtimes.get(leader).propose(new byte[4]);
        runtimes.get(leader).propose(new byte[6]);
        await().atMost(WAIT).until(() -> runtimes.get(leader).status().lastProposalSize() == 6);
        ZabStatus after = runtimes.get(leader).status();
        assertEquals(4, after.minProposalSize());
        assertEquals(8, after.maxProposalSize());
    }
}

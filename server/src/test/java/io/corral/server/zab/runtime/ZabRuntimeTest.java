package io.corral.server.zab.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corral.api.persistence.LogEntry;
import io.corral.persistence.memory.MemoryTxnLog;
import io.corral.server.time.SystemClock;
import io.corral.server.zab.History;
import io.corral.server.zab.ZabPeer;
import io.corral.server.zab.ZabRole;
import io.corral.server.zab.election.FreshestStrategy;
import io.corral.server.zab.quorum.QuorumVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three runtimes on loopback sockets: they elect a leader, replicate, and carry on after the leader stops. */
class ZabRuntimeTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final class AppliedState implements ReplicatedState {
        final List<Long> applied = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void apply(List<LogEntry> committed) {
            committed.forEach(e -> applied.add(e.zxid()));
        }

        @Override
        public byte[] snapshot(long zxid) {
            return new byte[0];
        }

        @Override
        public void loadSnapshot(long zxid, byte[] snapshot) {
            applied.clear();
        }

        @Override
        public void reload(long zxid) {
        }

        @Override
        public void roleChanged(ZabRole role, long leaderId, boolean serving, long epoch) {
        }
    }

    private final Map<Long, ZabRuntime> runtimes = new HashMap<>();
    private final Map<Long, AppliedState> states = new HashMap<>();

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

    private void startEnsemble() throws IOException {
        Map<Long, InetSocketAddress> quorum = new HashMap<>();
        Map<Long, InetSocketAddress> election = new HashMap<>();
        for (long id = 1; id <= 3; id++) {
            quorum.put(id, new InetSocketAddress("127.0.0.1", freePort()));
            election.put(id, new InetSocketAddress("127.0.0.1", freePort()));
        }
        QuorumVerifier qv = new QuorumVerifier(Set.of(1L, 2L, 3L));
        ZabPeer.Timing timing = new ZabPeer.Timing(50, 2_000, 1_000, 100);
        for (long id = 1; id <= 3; id++) {
            ZabPeer peer = new ZabPeer(id, qv, Set.of(1L, 2L, 3L), new FreshestStrategy(), timing,
                    new History(500, 0), 0, 0);
            AppliedState state = new AppliedState();
            ZabRuntime runtime = new ZabRuntime(peer, null, new MemoryTxnLog(), new EpochFiles(dir.resolve("s" + id)),
                    state, SystemClock.INSTANCE, 50);
            QuorumTransport transport = new QuorumTransport(id, quorum, election, runtime);
            runtime = runtime.withTransport(transport);
            runtimes.put(id, runtime);
            states.put(id, state);
        }
        for (ZabRuntime r : runtimes.values()) {
            r.start();
        }
    }

    private long awaitLeader() {
        return await().atMost(WAIT).until(() -> {
            List<Long> leaders = new ArrayList<>();
            int serving = 0;
            for (Map.Entry<Long, ZabRuntime> e : runtimes.entrySet()) {
                if (e.getValue().role() == ZabRole.LEADING && e.getValue().serving()) {
                    leaders.add(e.getKey());
                }
                if (e.getValue().serving()) {
                    serving++;
                }
            }
            return leaders.size() == 1 && serving >= 2 ? leaders.get(0) : null;
        }, java.util.Objects::nonNull);
    }

    private static byte[] txn(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    @Test
    void electsReplicatesAndFailsOver() throws Exception {
        startEnsemble();
        long leader = awaitLeader();
        for (int i = 0; i < 100; i++) {
            runtimes.get(leader).propose(txn(i));
        }
        for (long id : runtimes.keySet()) {
            await().atMost(WAIT).until(() -> states.get(id).applied.size() >= 100);
        }
        List<Long> history = new ArrayList<>(states.get(leader).applied);
        for (AppliedState s : states.values()) {
            assertEquals(history, new ArrayList<>(s.applied.subList(0, 100)), "every server applies the same sequence");
        }

        runtimes.remove(leader).stop();
        states.remove(leader);
        long next = awaitLeader();
        for (int i = 100; i < 110; i++) {
            runtimes.get(next).propose(txn(i));
        }
        for (long id : runtimes.keySet()) {
            await().atMost(WAIT).until(() -> states.get(id).applied.size() >= 110);
        }
        assertEquals(new ArrayList<>(states.get(next).applied), new ArrayList<>(states.values().stream()
                .filter(s -> s != states.get(next)).findFirst().orElseThrow().applied));
    }
}

package io.corral.server;

import io.corral.api.election.ElectionStrategy;
import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.PersistenceBackend;
import io.corral.server.config.QuorumConfig;
import io.corral.server.config.ServerConfig;
import io.corral.server.persist.SnapshotTrigger;
import io.corral.server.time.Clock;
import io.corral.server.zab.History;
import io.corral.server.zab.ZabPeer;
import io.corral.server.zab.quorum.QuorumVerifier;
import io.corral.server.zab.runtime.EpochFiles;
import io.corral.server.zab.runtime.ReplicatedState;
import io.corral.server.zab.runtime.ZabRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;

/** Wiring only: the ZAB peer and runtime of one ensemble member, from its config and its recovered log. */
final class EnsembleMember {
    /**
     * Committed proposals kept in memory for DIFF syncs ({@code commitLogCount}); a learner further behind gets a
     * snapshot. ZooKeeper keeps 500 and reads older ones from its log; more in memory costs little and spares
     * the disk.
     */
    static final int DEFAULT_HISTORY_ENTRIES = 10_000;
    /** How long a settled vote waits for a better one, as ZooKeeper's finalizeWait (200 ms). */
    private static final long FINALIZE_WAIT_MS = 200;

    private EnsembleMember() {
    }

    /** Keeps the newest log entries that recovery replays, to seed the in-memory history. */
    static final class Tail implements Consumer<LogEntry> {
        private final ArrayDeque<LogEntry> entries = new ArrayDeque<>();
        private final int capacity;
        private long dropped = -1;

        Tail(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public void accept(LogEntry e) {
            entries.addLast(e);
            if (entries.size() > capacity) {
                dropped = entries.removeFirst().zxid();
            }
        }

        History history(long snapshotZxid) {
            History h = new History(capacity, dropped >= 0 ? dropped : snapshotZxid);
            for (LogEntry e : entries) {
                h.append(e.zxid(), e.bytes());
            }
            return h;
        }
    }

    /** {@code commitLogCount} from zoo.cfg, or the default. */
    static int historyEntries(ServerConfig config) throws IOException {
        String v = config.settings().get("commitLogCount");
        if (v == null) {
            return DEFAULT_HISTORY_ENTRIES;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("Invalid value '" + v + "' for commitLogCount: expected a positive number of"
                + " proposals to keep in memory for syncing learners");
    }

    static ZabRuntime build(ServerConfig config, PersistenceBackend backend, History history, ReplicatedState state,
                            Clock clock) throws IOException {
        QuorumConfig q = config.quorum();
        Set<Long> voters = new HashSet<>();
        Map<Long, InetSocketAddress> quorumAddresses = new HashMap<>();
        Map<Long, InetSocketAddress> electionAddresses = new HashMap<>();
        for (QuorumConfig.Member m : q.members().values()) {
            if (!m.observer()) {
                voters.add(m.id());
            }
            quorumAddresses.put(m.id(), m.quorumAddress());
            electionAddresses.put(m.id(), m.electionAddress());
        }
        long tickMs = config.tickTimeMs();
        ZabPeer.Timing timing = new ZabPeer.Timing(tickMs, q.initLimitTicks() * tickMs, q.syncLimitTicks() * tickMs,
                FINALIZE_WAIT_MS);
        EpochFiles epochs = new EpochFiles(config.dataDir());
        ZabPeer peer = new ZabPeer(q.myId(), new QuorumVerifier(voters), q.members().keySet(),
                strategy(q.electionStrategy(), q.electionSettings()), timing, history, epochs.acceptedEpoch(),
                epochs.currentEpoch());
        return ZabRuntime.create(peer, quorumAddresses, electionAddresses, backend.log(), epochs, state, clock,
                tickMs, new SnapshotTrigger(config.snapCount(), new Random()));
    }

    private static ElectionStrategy strategy(String name, Map<String, String> settings) throws IOException {
        List<String> names = new ArrayList<>();
        for (ElectionStrategy s : ServiceLoader.load(ElectionStrategy.class, EnsembleMember.class.getClassLoader())) {
            names.add(s.name());
            if (s.name().equals(name)) {
                try {
                    s.configure(settings);
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage(), e);
                }
                return s;
            }
        }
        throw new IOException("No election strategy named '" + name + "' (election.strategy); available: " + names
                + ". A strategy is a jar in lib/.");
    }
}

package io.corral.server.zab.sim;

import io.corral.api.persistence.LogEntry;
import io.corral.server.zab.History;
import io.corral.server.zab.Ready;
import io.corral.server.zab.ZabMessage;
import io.corral.server.zab.ZabPeer;
import io.corral.server.zab.ZabRole;
import io.corral.server.zab.election.FastLeaderElection;
import io.corral.server.zab.election.FreshestStrategy;
import io.corral.server.zab.election.Notification;
import io.corral.server.zab.quorum.QuorumVerifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A whole ensemble on one thread: simulated disks (the log and epochs survive a crash; nothing else does),
 * simulated links (FIFO per link, random delays, connections that drop), simulated time, and the runtime's
 * part of executing each {@link Ready}. After every step it checks ZAB's invariants and throws with the
 * simulated time on the first violation; the seed replays the run exactly.
 */
final class SimCluster {
    static final long TICK_MS = 50;
    private static final ZabPeer.Timing TIMING = new ZabPeer.Timing(TICK_MS, 10 * TICK_MS, 5 * TICK_MS, 40);
    private static final int HISTORY_CAPACITY = 64;

    /** One server: what its disk keeps, and what is lost when it crashes. */
    final class Node {
        final long id;
        final TreeMap<Long, byte[]> disk = new TreeMap<>();
        long acceptedEpoch;
        long currentEpoch;
        ZabPeer peer;
        boolean up = true;
        /** The zxids applied to this node's state, in order ("the tree"). */
        List<Long> applied = new ArrayList<>();
        long leaderLink = -1;
        boolean wasEstablished;
        boolean wasServing;

        Node(long id) {
            this.id = id;
        }
    }

    private record Event(long atMs, long seq, Runnable action) {
    }

    final Random random;
    final QuorumVerifier quorum;
    final Set<Long> ids = new HashSet<>();
    final Map<Long, Node> nodes = new TreeMap<>();
    private final PriorityQueue<Event> events = new PriorityQueue<>(
            (a, b) -> a.atMs != b.atMs ? Long.compare(a.atMs, b.atMs) : Long.compare(a.seq, b.seq));
    private final Map<String, Long> linkGeneration = new HashMap<>();
    private final Map<String, Long> linkClock = new HashMap<>();
    private final Set<Long> isolated = new HashSet<>();
    private long seq;
    long now;

    /** The committed history: what every established leader started from, extended by its commits. */
    final List<Long> committed = new ArrayList<>();
    final Map<Long, byte[]> committedTxns = new HashMap<>();
    final Map<Long, Long> leaderOfEpoch = new HashMap<>();
    int establishedLeaders;

    SimCluster(long seed, int voters, int observers) {
        random = new Random(seed);
        Set<Long> voterIds = new HashSet<>();
        for (long id = 1; id <= voters + observers; id++) {
            ids.add(id);
            if (id <= voters) {
                voterIds.add(id);
            }
        }
        quorum = new QuorumVerifier(voterIds);
        for (long id : ids) {
            nodes.put(id, new Node(id));
        }
        for (Node n : nodes.values()) {
            boot(n);
        }
    }

    private void boot(Node n) {
        History h = new History(HISTORY_CAPACITY, 0);
        // Recovery: the whole log is applied, and its tail is the in-memory history.
        n.disk.forEach(h::append);
        n.applied = new ArrayList<>(n.disk.keySet());
        n.peer = new ZabPeer(n.id, quorum, ids, new FreshestStrategy(), TIMING, h, n.acceptedEpoch, n.currentEpoch);
        n.leaderLink = -1;
        n.wasEstablished = false;
        n.wasServing = false;
        execute(n, n.peer.start(now));
    }

    // ---- the runtime's part ----

    /** Chance that a server crashes before a Ready's writes reach its disk (losing them and its messages). */
    double crashBeforeFsync;

    void execute(Node n, Ready r) {
        if (!n.up) {
            return;
        }
        if (crashBeforeFsync > 0 && (!r.append.isEmpty() || r.currentEpoch >= 0) && random.nextDouble() < crashBeforeFsync
                && nodes.values().stream().filter(x -> !x.up).count() < (quorum.voters().size() - 1) / 2 + 1) {
            crash(n.id);
            return;
        }
        if (r.snapshotZxid >= 0) {
            @SuppressWarnings("unchecked")
            TreeMap<Long, byte[]> snap = (TreeMap<Long, byte[]>) r.snapshot;
            n.disk.clear();
            n.disk.putAll(snap);
            n.applied = new ArrayList<>(snap.keySet());
        }
        if (r.truncateAfter >= 0) {
            n.disk.tailMap(r.truncateAfter, false).clear();
            // The state may hold entries past the cut: rebuild it from the log, as a real server reloads.
            n.applied = new ArrayList<>(n.disk.keySet());
        }
        for (LogEntry e : r.append) {
            n.disk.put(e.zxid(), e.bytes());
        }
        if (r.acceptedEpoch >= 0) {
            n.acceptedEpoch = r.acceptedEpoch;
        }
        if (r.currentEpoch >= 0) {
            n.currentEpoch = r.currentEpoch;
        }
        for (Ready.Outbound o : r.messages) {
            send(n.id, o.to(), fillSnapshot(n, o.message()));
        }
        for (FastLeaderElection.Outbound o : r.notifications) {
            sendNotification(n.id, o.to(), o.notification());
        }
        for (LogEntry e : r.commits) {
            applyCommit(n, e);
        }
        if (r.roleChange != null) {
            changedRole(n, r);
        }
        if (r.reconnectToLeader && n.leaderLink >= 0) {
            long leader = n.leaderLink;
            schedule(TICK_MS, () -> connect(n.id, leader));
        }
        checkEstablished(n);
        checkServing(n);
        if (!r.append.isEmpty() && n.peer.role() == ZabRole.LEADING && n.up) {
            execute(n, n.peer.persisted(r.append.get(r.append.size() - 1).zxid(), now));
        }
    }

    private ZabMessage fillSnapshot(Node n, ZabMessage m) {
        if (m instanceof ZabMessage.Snap s) {
            TreeMap<Long, byte[]> state = new TreeMap<>(n.disk.headMap(s.zxid(), true));
            return new ZabMessage.Snap(s.zxid(), state);
        }
        return m;
    }

    private void changedRole(Node n, Ready r) {
        if (n.leaderLink >= 0) {
            disconnect(n.id, n.leaderLink);
            n.leaderLink = -1;
        }
        if (r.roleChange == ZabRole.FOLLOWING || r.roleChange == ZabRole.OBSERVING) {
            long leader = r.leaderId;
            n.leaderLink = leader;
            schedule(1 + random.nextInt(10), () -> connect(n.id, leader));
        }
        if (r.roleChange == ZabRole.LOOKING) {
            // Whoever followed this server loses its link too.
            for (Node other : nodes.values()) {
                if (other.leaderLink == n.id) {
                    disconnect(other.id, n.id);
                }
            }
        }
    }

    // ---- links ----

    private static String link(long a, long b) {
        return Math.min(a, b) + "-" + Math.max(a, b);
    }

    private boolean reachable(long a, long b) {
        Node x = nodes.get(a);
        Node y = nodes.get(b);
        return x.up && y.up && isolated.contains(a) == isolated.contains(b);
    }

    private void connect(long learner, long leader) {
        Node l = nodes.get(learner);
        if (!l.up || l.leaderLink != leader) {
            return;
        }
        if (!reachable(learner, leader)) {
            schedule(1, () -> deliverDisconnect(learner, leader, linkGeneration.getOrDefault(link(learner, leader), 0L)));
            return;
        }
        execute(l, l.peer.onConnected(leader, now));
    }

    private void disconnect(long a, long b) {
        long gen = linkGeneration.merge(link(a, b), 1L, Long::sum);
        schedule(1 + random.nextInt(5), () -> deliverDisconnect(a, b, gen));
        schedule(1 + random.nextInt(5), () -> deliverDisconnect(b, a, gen));
    }

    private void deliverDisconnect(long to, long from, long gen) {
        Node n = nodes.get(to);
        if (!n.up) {
            return;
        }
        execute(n, n.peer.onDisconnected(from, now));
    }

    private void send(long from, long to, ZabMessage m) {
        if (!reachable(from, to)) {
            return;
        }
        String key = link(from, to);
        long gen = linkGeneration.getOrDefault(key, 0L);
        String dir = from + ">" + to;
        long at = Math.max(linkClock.getOrDefault(dir, 0L), now + 1 + random.nextInt(15));
        linkClock.put(dir, at);
        schedule(at - now, () -> {
            Node n = nodes.get(to);
            if (n.up && reachable(from, to) && linkGeneration.getOrDefault(key, 0L) == gen) {
                execute(n, n.peer.onMessage(from, m, now));
            }
        });
    }

    private void sendNotification(long from, long to, Notification note) {
        if (!reachable(from, to) || random.nextInt(10) == 0) {
            return;
        }
        schedule(1 + random.nextInt(20), () -> {
            Node n = nodes.get(to);
            if (n.up && reachable(from, to)) {
                execute(n, n.peer.onNotification(note, now));
            }
        });
    }

    private void schedule(long delayMs, Runnable action) {
        events.add(new Event(now + delayMs, seq++, action));
    }

    // ---- faults and clients ----

    void crash(long id) {
        Node n = nodes.get(id);
        if (!n.up) {
            return;
        }
        n.up = false;
        for (Node other : nodes.values()) {
            if (other.id != id && (other.leaderLink == id || n.leaderLink == other.id)) {
                disconnect(id, other.id);
            }
        }
    }

    void restart(long id) {
        Node n = nodes.get(id);
        if (n.up) {
            return;
        }
        n.up = true;
        boot(n);
    }

    /** Cuts {@code group} off from the rest (both directions) until {@link #heal()}. */
    void isolate(Set<Long> group) {
        isolated.clear();
        isolated.addAll(group);
        for (Node n : nodes.values()) {
            if (n.leaderLink >= 0 && isolated.contains(n.id) != isolated.contains(n.leaderLink)) {
                disconnect(n.id, n.leaderLink);
            }
        }
    }

    void heal() {
        isolated.clear();
    }

    /** A client write through the established leader, if there is one: (client, sequence number). */
    boolean propose(int client, long sequence) {
        for (Node n : nodes.values()) {
            if (n.up && n.peer.role() == ZabRole.LEADING && n.peer.leading().established()) {
                byte[] txn = ByteBuffer.allocate(12).putInt(client).putLong(sequence).array();
                execute(n, n.peer.propose(txn, now));
                return true;
            }
        }
        return false;
    }

    /** Advances simulated time by {@code ms}: deliveries in order, and a tick for every server each TICK_MS. */
    void run(long ms) {
        long until = now + ms;
        while (now < until) {
            long nextTick = (now / TICK_MS + 1) * TICK_MS;
            Event e = events.peek();
            if (e != null && e.atMs <= nextTick && e.atMs <= until) {
                events.poll();
                now = Math.max(now, e.atMs);
                e.action.run();
            } else {
                now = Math.min(nextTick, until);
                if (now == nextTick) {
                    for (Node n : nodes.values()) {
                        if (n.up) {
                            execute(n, n.peer.tick(now));
                        }
                    }
                }
            }
        }
    }

    // ---- invariants ----

    private void checkEstablished(Node n) {
        boolean established = n.up && n.peer.leading() != null && n.peer.leading().established();
        if (established && !n.wasEstablished) {
            long epoch = n.peer.leading().epoch();
            Long before = leaderOfEpoch.putIfAbsent(epoch, n.id);
            if (before != null && before != n.id) {
                fail("two leaders established epoch " + epoch + ": " + before + " and " + n.id);
            }
            // Every transaction committed so far must be in the new leader's log, in the same order.
            List<Long> history = new ArrayList<>(n.disk.keySet());
            if (history.size() < committed.size() || !history.subList(0, committed.size()).equals(committed)) {
                fail("leader " + n.id + " of epoch " + epoch + " lacks committed transactions: has " + tail(history)
                        + ", committed " + tail(committed));
            }
            committed.clear();
            committed.addAll(history);
            n.disk.forEach(committedTxns::put);
            establishedLeaders++;
        }
        n.wasEstablished = established;
    }

    private void applyCommit(Node n, LogEntry e) {
        long last = n.applied.isEmpty() ? 0 : n.applied.get(n.applied.size() - 1);
        if (e.zxid() <= last) {
            fail("server " + n.id + " applied 0x" + Long.toHexString(e.zxid()) + " after 0x" + Long.toHexString(last));
        }
        n.applied.add(e.zxid());
        if (n.peer.role() == ZabRole.LEADING) {
            committed.add(e.zxid());
            committedTxns.put(e.zxid(), e.bytes());
        }
        checkPrefix(n);
    }

    private void checkServing(Node n) {
        boolean serving = n.up && n.peer.serving();
        if (serving && !n.wasServing) {
            checkPrefix(n);
        }
        n.wasServing = serving;
    }

    private void checkPrefix(Node n) {
        if (!n.peer.serving()) {
            return;
        }
        List<Long> a = n.applied;
        if (a.size() > committed.size() || !committed.subList(0, a.size()).equals(a)) {
            fail("server " + n.id + " serves a state that is not a prefix of the committed history: " + tail(a)
                    + " vs " + tail(committed));
        }
    }

    /** Each client's writes appear in the committed history in the order it sent them. */
    void checkClientOrder() {
        Map<Integer, Long> lastSeq = new HashMap<>();
        for (long z : committed) {
            ByteBuffer b = ByteBuffer.wrap(committedTxns.get(z));
            int client = b.getInt();
            long s = b.getLong();
            Long prev = lastSeq.put(client, s);
            if (prev != null && prev >= s) {
                fail("client " + client + " write " + s + " committed after its write " + prev);
            }
        }
    }

    private static String tail(List<Long> l) {
        List<String> out = new ArrayList<>();
        for (int i = Math.max(0, l.size() - 4); i < l.size(); i++) {
            out.add("0x" + Long.toHexString(l.get(i)));
        }
        return l.size() + " entries ..." + out;
    }

    private void fail(String what) {
        throw new AssertionError("at " + now + " ms: " + what);
    }
}

package io.corral.server.zab.runtime;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.TxnLog;
import io.corral.protocol.OpCode;
import io.corral.server.persist.SnapshotTrigger;
import io.corral.server.time.Clock;
import io.corral.server.zab.Ready;
import io.corral.server.zab.ZabMessage;
import io.corral.server.zab.ZabPeer;
import io.corral.server.zab.ZabRole;
import io.corral.server.zab.election.FastLeaderElection;
import io.corral.server.zab.election.Notification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns a {@link ZabPeer}: it takes events (notifications, messages, link changes, proposals,
 * ticks) from a queue, steps the peer, and executes each {@link Ready} in the order its contract gives: load a
 * snapshot, truncate, append and fsync the log and the epochs, then send, then apply, then report the leader's
 * own persisted appends. Sockets belong to the {@link QuorumTransport}; dialing the leader happens on a
 * separate connector thread so that this loop never blocks on the network.
 *
 * <p>Group commit: every event waiting when the thread wakes is stepped first, and the plain Readys they give
 * (appends, messages, commits) are executed as one, with one fsync; a Ready that changes more than that (a
 * snapshot, a truncation, a role change) is executed on its own, in its place.
 */
public final class ZabRuntime implements QuorumTransport.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ZabRuntime.class);
    private static final int MAX_EVENTS_PER_BATCH = 10_000;
    /**
     * How often the peer is stepped by the clock, at most: its deadlines (the election's finalizeWait of 200 ms,
     * pings every tick, limits in ticks) are in milliseconds, and a tick of 2 s would hold an election decided
     * after 200 ms for up to 2 s.
     */
    private static final long MAX_STEP_INTERVAL_MS = 50;

    private final ZabPeer peer;
    private QuorumTransport transport;
    private final TxnLog log;
    private final EpochFiles epochs;
    private final ReplicatedState state;
    private final Clock clock;
    private final long tickMs;
    private final SnapshotTrigger snapshotTrigger;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "corral-quorum-connect");
        t.setDaemon(true);
        return t;
    });
    private final Thread thread;
    private volatile boolean running;
    private volatile ZabRole role = ZabRole.LOOKING;
    private volatile boolean serving;
    private volatile long leaderId = -1;
    private final StatusRecorder monitoring = new StatusRecorder();
    /** Redials of the leader since the last role change; runtime thread only. */
    private int redials;

    ZabRuntime(ZabPeer peer, QuorumTransport transport, TxnLog log, EpochFiles epochs, ReplicatedState state,
               Clock clock, long tickMs) {
        this(peer, transport, log, epochs, state, clock, tickMs, null);
    }

    ZabRuntime(ZabPeer peer, QuorumTransport transport, TxnLog log, EpochFiles epochs, ReplicatedState state,
               Clock clock, long tickMs, SnapshotTrigger snapshotTrigger) {
        this.peer = peer;
        this.transport = transport;
        this.log = log;
        this.epochs = epochs;
        this.state = state;
        this.clock = clock;
        this.tickMs = tickMs;
        this.snapshotTrigger = snapshotTrigger;
        this.thread = new Thread(this::run, "corral-zab-" + peer.id());
        thread.setDaemon(true);
    }

    /**
     * A runtime for {@code peer} with its links on the given addresses (every member's, this one's included).
     * {@code snapshotTrigger} (may be null) decides when the log rolls and {@link ReplicatedState#snapshotDue}
     * is called.
     */
    public static ZabRuntime create(ZabPeer peer, Map<Long, InetSocketAddress> quorumAddresses,
                                    Map<Long, InetSocketAddress> electionAddresses, TxnLog log, EpochFiles epochs,
                                    ReplicatedState state, Clock clock, long tickMs, SnapshotTrigger snapshotTrigger) {
        ZabRuntime runtime = new ZabRuntime(peer, null, log, epochs, state, clock, tickMs, snapshotTrigger);
        return runtime.withTransport(new QuorumTransport(peer.id(), quorumAddresses, electionAddresses, runtime));
    }

    /** Wires the transport, which needs this runtime as its listener (so it cannot be built first). */
    ZabRuntime withTransport(QuorumTransport t) {
        this.transport = t;
        return this;
    }

    public void start() throws IOException {
        running = true;
        monitoring.started(clock.monotonicMs());
        // Queued before the links open, so that the peer has started before any notification reaches it.
        post(peer::start);
        transport.start();
        thread.start();
    }

    public void stop() throws InterruptedException {
        running = false;
        post(now -> null);
        thread.join(5_000);
        connector.shutdownNow();
        transport.stop();
    }

    public long id() {
        return peer.id();
    }

    public ZabRole role() {
        return role;
    }

    public boolean serving() {
        return serving;
    }

    /** The leader this peer follows or is, -1 while looking. */
    public long leaderId() {
        return leaderId;
    }

    /** The peer as monitoring sees it: at most a step (50 ms) old, safe from any thread. */
    public ZabStatus status() {
        return monitoring.status();
    }

    /** Proposes a transaction; ignored (and logged) unless this peer is an established leader by then. */
    public void propose(byte[] txn) {
        post(now -> {
            if (!establishedLeader()) {
                LOG.warn("Proposal dropped: server {} is no longer the established leader", peer.id());
                return null;
            }
            monitoring.proposed(txn.length);
            return peer.propose(txn, now);
        });
    }

    /**
     * Proposes a transaction the caller stamped with {@code zxid}; dropped unless this peer is still the
     * established leader (the caller learns of the role change through {@link ReplicatedState#roleChanged}).
     */
    public void propose(long zxid, byte[] txn) {
        post(now -> {
            if (!establishedLeader()) {
                return null;
            }
            monitoring.proposed(txn.length);
            return peer.propose(zxid, txn, now);
        });
    }

    private boolean establishedLeader() {
        return peer.leading() != null && peer.leading().established();
    }

    /** Sends one of the servers' own messages (forward, touch) to the leader, if this peer follows one. */
    public void sendToLeader(ZabMessage m) {
        postDirect(() -> {
            if (peer.following() != null && peer.following().serving()) {
                transport.send(peer.following().leaderId(), m);
            }
        });
    }

    /** One step for the runtime thread, given the clock reading it runs at; returns what to execute. */
    private interface Event {
        Ready run(long nowMs) throws IOException;
    }

    /**
     * An event outside the core (the servers' own messages). {@code ordered}: it must see every commit stepped
     * before it already handed to the state (a sync answer), so the Readys before it execute first; the others
     * (forwards, touches) run at once and leave the batch, and its single fsync, alone.
     */
    private record Direct(Runnable action, boolean ordered) implements Event {
        @Override
        public Ready run(long nowMs) {
            action.run();
            return null;
        }
    }

    private void post(Event event) {
        events.add(event);
    }

    private void postDirect(Runnable action) {
        events.add(new Direct(action, false));
    }

    private void postOrdered(Runnable action) {
        events.add(new Direct(action, true));
    }

    private void run() {
        long stepMs = Math.min(tickMs, MAX_STEP_INTERVAL_MS);
        long nextTick = clock.monotonicMs() + stepMs;
        List<Event> batch = new ArrayList<>();
        while (running) {
            try {
                long wait = Math.max(0, nextTick - clock.monotonicMs());
                Event first = events.poll(wait, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    events.drainTo(batch, MAX_EVENTS_PER_BATCH - 1);
                }
                long now = clock.monotonicMs();
                runBatch(batch, now);
                batch.clear();
                if (now >= nextTick) {
                    nextTick = now + stepMs;
                    execute(peer.tick(now));
                    monitoring.publish(peer, leaderOf());
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException ex) {
                // A failure to persist must not be acknowledged: stop taking part rather than lie.
                LOG.error("Replication stopped on server {}: {}", peer.id(), ex.getMessage(), ex);
                running = false;
                serving = false;
                monitoring.stopped();
                state.roleChanged(ZabRole.LOOKING, -1, false, peer.currentEpoch());
            }
        }
    }

    private void runBatch(List<Event> batch, long now) throws IOException {
        Ready merged = null;
        for (Event e : batch) {
            if (e instanceof Direct d && d.ordered() && merged != null) {
                execute(merged);
                merged = null;
            }
            Ready r = e.run(now);
            if (r == null || r.isEmpty()) {
                continue;
            }
            if (!plain(r)) {
                if (merged != null) {
                    execute(merged);
                    merged = null;
                }
                execute(r);
            } else if (merged == null) {
                merged = r;
            } else {
                merge(merged, r);
            }
        }
        if (merged != null) {
            execute(merged);
        }
    }

    /** A Ready with only appends, epochs, messages and commits: it can join others into one fsync. */
    private static boolean plain(Ready r) {
        return r.snapshotZxid < 0 && r.truncateAfter < 0 && r.roleChange == null && !r.startServing
                && !r.stopServing && !r.reconnectToLeader;
    }

    private static void merge(Ready into, Ready r) {
        into.append.addAll(r.append);
        into.acceptedEpoch = Math.max(into.acceptedEpoch, r.acceptedEpoch);
        into.currentEpoch = Math.max(into.currentEpoch, r.currentEpoch);
        into.messages.addAll(r.messages);
        into.commits.addAll(r.commits);
        into.notifications.addAll(r.notifications);
    }

    private void execute(Ready r) throws IOException {
        if (r.isEmpty()) {
            return;
        }
        if (r.snapshotZxid >= 0) {
            // The entries after the snapshot are the leader's to send; what we had there is gone first.
            log.truncateAfter(r.snapshotZxid);
            state.loadSnapshot(r.snapshotZxid, (byte[]) r.snapshot);
        }
        if (r.truncateAfter >= 0) {
            log.truncateAfter(r.truncateAfter);
            state.reload(r.truncateAfter);
        }
        // A leader's proposals and commits acknowledge nothing: they leave before its own fsync, which then runs
        // alongside the followers' (one disk latency per commit instead of two).
        boolean sendFirst = peer.role() == ZabRole.LEADING && r.acceptedEpoch < 0 && r.currentEpoch < 0;
        if (sendFirst) {
            send(r);
        }
        boolean snapshotDue = false;
        for (LogEntry e : r.append) {
            log.append(e);
            snapshotDue |= snapshotTrigger != null && snapshotTrigger.logged();
        }
        if (!r.append.isEmpty()) {
            log.commit();
        }
        if (r.acceptedEpoch >= 0) {
            epochs.acceptedEpoch(r.acceptedEpoch);
        }
        if (r.currentEpoch >= 0) {
            epochs.currentEpoch(r.currentEpoch);
        }
        if (!sendFirst) {
            send(r);
        }
        if (r.roleChange != null) {
            // Before the commits: those of a role that ends are its own uncommitted entries, applied to keep the
            // state equal to the log (see Following.giveUp); no client may be told they succeeded.
            changeRole(r);
        }
        if (!r.commits.isEmpty()) {
            state.apply(r.commits);
        }
        if (snapshotDue) {
            // Later entries go to a new log file, so that old files can be purged with old snapshots.
            log.roll();
            state.snapshotDue();
        }
        if (r.reconnectToLeader && peer.following() != null) {
            long leader = peer.following().leaderId();
            connector.schedule(() -> transport.connectToLeader(leader), redialDelayMs(), TimeUnit.MILLISECONDS);
        }
        if (r.startServing || r.stopServing) {
            serving = peer.serving();
            monitoring.publish(peer, leaderOf());
            state.roleChanged(peer.role(), leaderOf(), serving, peer.currentEpoch());
        }
        if (!r.append.isEmpty() && peer.role() == ZabRole.LEADING) {
            execute(peer.persisted(r.append.get(r.append.size() - 1).zxid(), clock.monotonicMs()));
        }
    }

    /**
     * How long a learner waits before dialling its leader again: 5 ms, doubling up to min(tick, 100 ms). A learner
     * usually settles a message before its leader does, so its first link reaches a server that is still
     * looking, which drops the FollowerInfo and closes the link when it starts leading a moment later: the
     * quick first redial then finds it leading. A leader that is down refuses every dial, and the doubling keeps
     * that to about ten dials a second until initLimit ends the wait.
     */
    private long redialDelayMs() {
        long delay = Math.min(Math.min(tickMs, 100), 5L << Math.min(redials, 5));
        redials++;
        return delay;
    }

    private void send(Ready r) throws IOException {
        for (Ready.Outbound o : r.messages) {
            ZabMessage m = o.message();
            if (m instanceof ZabMessage.Snap s && s.snapshot() == null) {
                m = new ZabMessage.Snap(s.zxid(), state.snapshot(s.zxid()));
            }
            transport.send(o.to(), m);
        }
        for (FastLeaderElection.Outbound o : r.notifications) {
            transport.sendNotification(o.to(), o.notification());
        }
    }

    private void changeRole(Ready r) {
        ZabRole before = role;
        role = peer.role();
        serving = peer.serving();
        leaderId = leaderOf();
        monitoring.roleChanged(before, role, clock.monotonicMs());
        monitoring.publish(peer, leaderId);
        LOG.info("Server {}: {} -> {}{}{}", peer.id(), before, role,
                r.leaderId >= 0 && role != ZabRole.LEADING ? " (leader " + r.leaderId + ")" : "",
                r.reason == null ? "" : ": " + r.reason);
        transport.closeQuorumLinks();
        redials = 0;
        if (role == ZabRole.FOLLOWING || role == ZabRole.OBSERVING) {
            long leader = r.leaderId;
            connector.execute(() -> transport.connectToLeader(leader));
        }
        state.roleChanged(role, leaderId, serving, peer.currentEpoch());
    }

    private long leaderOf() {
        if (peer.leading() != null) {
            return peer.id();
        }
        return peer.following() != null ? peer.following().leaderId() : -1;
    }

    // ---- QuorumTransport.Listener: any thread, so only queue ----

    @Override
    public void notification(Notification n) {
        post(now -> peer.onNotification(n, now));
    }

    @Override
    public void message(long from, ZabMessage m) {
        if (m instanceof ZabMessage.Forward f) {
            if (f.type() == OpCode.SYNC) {
                postOrdered(() -> onForward(from, f)); // answered after every commit stepped before it is sent
            } else {
                postDirect(() -> onForward(from, f));
            }
        } else if (m instanceof ZabMessage.SyncDone s) {
            postOrdered(() -> {
                if (peer.following() != null && peer.following().leaderId() == from) {
                    state.syncDone(s.sessionId(), s.cxid());
                }
            });
        } else if (m instanceof ZabMessage.Touch t) {
            postDirect(() -> {
                if (establishedLeader()) {
                    state.touched(t.sessionIds());
                }
            });
        } else {
            post(now -> peer.onMessage(from, m, now));
        }
    }

    private void onForward(long from, ZabMessage.Forward f) {
        if (!establishedLeader()) {
            return; // the learner drops its clients when it learns the leader is gone
        }
        if (f.type() == OpCode.SYNC) {
            // Every commit this leader made is already on the learner's link, ahead of this answer.
            transport.send(from, new ZabMessage.SyncDone(f.sessionId(), f.cxid()));
            return;
        }
        state.forwarded(from, f);
    }

    @Override
    public void connected(long peerId) {
        post(now -> peer.onConnected(peerId, now));
    }

    @Override
    public void disconnected(long peerId) {
        post(now -> peer.onDisconnected(peerId, now));
    }
}

package io.corral.server.zab.runtime;

import io.corral.api.persistence.LogEntry;
import io.corral.api.persistence.TxnLog;
import io.corral.server.time.Clock;
import io.corral.server.zab.Ready;
import io.corral.server.zab.ZabMessage;
import io.corral.server.zab.ZabPeer;
import io.corral.server.zab.ZabRole;
import io.corral.server.zab.election.FastLeaderElection;
import io.corral.server.zab.election.Notification;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns a {@link ZabPeer}: it takes events (notifications, messages, link changes, proposals,
 * ticks) from a queue, steps the peer, and executes each {@link Ready} in the order its contract gives: load a
 * snapshot, truncate, append and fsync the log and the epochs, then send, then apply, then report the leader's
 * own persisted appends. Sockets belong to the {@link QuorumTransport}; dialing the leader happens on a
 * separate connector thread so that this loop never blocks on the network.
 */
public final class ZabRuntime implements QuorumTransport.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ZabRuntime.class);

    private final ZabPeer peer;
    private QuorumTransport transport;
    private final TxnLog log;
    private final EpochFiles epochs;
    private final ReplicatedState state;
    private final Clock clock;
    private final long tickMs;
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

    ZabRuntime(ZabPeer peer, QuorumTransport transport, TxnLog log, EpochFiles epochs, ReplicatedState state,
               Clock clock, long tickMs) {
        this.peer = peer;
        this.transport = transport;
        this.log = log;
        this.epochs = epochs;
        this.state = state;
        this.clock = clock;
        this.tickMs = tickMs;
        this.thread = new Thread(this::run, "corral-zab-" + peer.id());
        thread.setDaemon(true);
    }

    /** Wires the transport, which needs this runtime as its listener (so it cannot be built first). */
    ZabRuntime withTransport(QuorumTransport t) {
        this.transport = t;
        return this;
    }

    public void start() throws IOException {
        running = true;
        // Queued before the links open, so that the peer has started before any notification reaches it.
        post(now -> execute(peer.start(now)));
        transport.start();
        thread.start();
    }

    public void stop() throws InterruptedException {
        running = false;
        post(now -> { });
        thread.join(5_000);
        connector.shutdownNow();
        transport.stop();
    }

    public ZabRole role() {
        return role;
    }

    public boolean serving() {
        return serving;
    }

    /** Proposes a transaction; ignored (and logged) unless this peer is an established leader by then. */
    public void propose(byte[] txn) {
        post(now -> {
            if (peer.leading() == null || !peer.leading().established()) {
                LOG.warn("Proposal dropped: server {} is no longer the established leader", peer.id());
                return;
            }
            execute(peer.propose(txn, now));
        });
    }

    /** One step for the runtime thread, given the clock reading it runs at. */
    private interface Event {
        void run(long nowMs) throws IOException;
    }

    private void post(Event event) {
        events.add(event);
    }

    private void run() {
        long nextTick = clock.monotonicMs() + tickMs;
        while (running) {
            try {
                long wait = Math.max(0, nextTick - clock.monotonicMs());
                Event e = events.poll(wait, TimeUnit.MILLISECONDS);
                long now = clock.monotonicMs();
                if (e != null) {
                    e.run(now);
                }
                if (now >= nextTick) {
                    nextTick = now + tickMs;
                    execute(peer.tick(now));
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException ex) {
                // A failure to persist must not be acknowledged: stop taking part rather than lie.
                LOG.error("Replication stopped on server {}: {}", peer.id(), ex.getMessage(), ex);
                running = false;
            }
        }
    }

    private void execute(Ready r) throws IOException {
        if (r.isEmpty()) {
            return;
        }
        if (r.snapshotZxid >= 0) {
            state.loadSnapshot(r.snapshotZxid, (byte[]) r.snapshot);
            log.truncateAfter(r.snapshotZxid);
        }
        if (r.truncateAfter >= 0) {
            log.truncateAfter(r.truncateAfter);
            state.reload();
        }
        for (LogEntry e : r.append) {
            log.append(e);
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
        if (!r.commits.isEmpty()) {
            state.apply(r.commits);
        }
        if (r.roleChange != null) {
            changeRole(r);
        }
        if (r.reconnectToLeader && peer.following() != null) {
            long leader = peer.following().leaderId();
            connector.schedule(() -> transport.connectToLeader(leader), tickMs, TimeUnit.MILLISECONDS);
        }
        if (r.startServing || r.stopServing) {
            serving = peer.serving();
            state.roleChanged(peer.role(), leaderOf(), serving);
        }
        if (!r.append.isEmpty() && peer.role() == ZabRole.LEADING) {
            execute(peer.persisted(r.append.get(r.append.size() - 1).zxid(), clock.monotonicMs()));
        }
    }

    private void changeRole(Ready r) {
        ZabRole before = role;
        role = peer.role();
        serving = peer.serving();
        LOG.info("Server {}: {} -> {}{}{}", peer.id(), before, role,
                r.leaderId >= 0 && role != ZabRole.LEADING ? " (leader " + r.leaderId + ")" : "",
                r.reason == null ? "" : ": " + r.reason);
        transport.closeQuorumLinks();
        if (role == ZabRole.FOLLOWING || role == ZabRole.OBSERVING) {
            long leader = r.leaderId;
            connector.execute(() -> transport.connectToLeader(leader));
        }
        state.roleChanged(role, leaderOf(), serving);
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
        post(now -> execute(peer.onNotification(n, now)));
    }

    @Override
    public void message(long from, ZabMessage m) {
        post(now -> execute(peer.onMessage(from, m, now)));
    }

    @Override
    public void connected(long peerId) {
        post(now -> execute(peer.onConnected(peerId, now)));
    }

    @Override
    public void disconnected(long peerId) {
        post(now -> execute(peer.onDisconnected(peerId, now)));
    }
}

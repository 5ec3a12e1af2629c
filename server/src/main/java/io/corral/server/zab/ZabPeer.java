package io.corral.server.zab;

import io.corral.api.election.ElectionStrategy;
import io.corral.server.zab.election.FastLeaderElection;
import io.corral.server.zab.election.Notification;
import io.corral.server.zab.election.PeerState;
import io.corral.server.zab.quorum.QuorumVerifier;
import io.corral.server.zab.role.Following;
import io.corral.server.zab.role.Leading;
import java.util.Set;

/**
 * One ZAB peer as a pure state machine: election notifications, leader/learner messages, connection events and
 * clock readings in; a {@link Ready} out. It owns the role switch (LOOKING → LEADING / FOLLOWING / OBSERVING and
 * back) in one place; the roles themselves live in {@code zab/role}. No threads, sockets or files: the runtime
 * executes each Ready, and a single-threaded simulation runs whole ensembles with it.
 *
 * <p>Not thread-safe: one thread (the runtime's) calls it.
 */
public final class ZabPeer {

    /** Timing, in milliseconds of the caller's clock. */
    public record Timing(long tickMs, long initLimitMs, long syncLimitMs, long finalizeWaitMs) {
    }

    private final long myId;
    private final QuorumVerifier quorum;
    private final Set<Long> members;
    private final Timing timing;
    private final FastLeaderElection election;
    private final History history;
    private long acceptedEpoch;
    private long currentEpoch;
    private ZabRole role = ZabRole.LOOKING;
    private Leading leading;
    private Following following;

    /**
     * @param history the tail of this peer's log as recovery found it; its last zxid is the last logged one
     */
    public ZabPeer(long myId, QuorumVerifier quorum, Set<Long> members, ElectionStrategy strategy, Timing timing,
                   History history, long acceptedEpoch, long currentEpoch) {
        this.myId = myId;
        this.quorum = quorum;
        this.members = Set.copyOf(members);
        this.timing = timing;
        this.history = history;
        this.acceptedEpoch = acceptedEpoch;
        this.currentEpoch = currentEpoch;
        // Votes are sent again after finalizeWait of silence, doubling up to a bound, as ZooKeeper does: a vote
        // that crossed a peer's switch to LOOKING is answered with its old state, and waiting a whole tick or two
        // for the next round of votes would stretch every failover by that much.
        this.election = new FastLeaderElection(myId, quorum, members, strategy, timing.finalizeWaitMs(),
                timing.finalizeWaitMs());
    }

    public long id() {
        return myId;
    }

    public ZabRole role() {
        return role;
    }

    public Leading leading() {
        return leading;
    }

    public Following following() {
        return following;
    }

    public History history() {
        return history;
    }

    public long acceptedEpoch() {
        return acceptedEpoch;
    }

    public long currentEpoch() {
        return currentEpoch;
    }

    /** True when this peer may answer clients: an established leader, or a learner past UPTODATE. */
    public boolean serving() {
        return (leading != null && leading.established()) || (following != null && following.serving());
    }

    /** Starts looking for a leader (at start-up and whenever a role ends). */
    public Ready start(long nowMs) {
        Ready r = new Ready();
        look(nowMs, r);
        return r;
    }

    private void look(long nowMs, Ready r) {
        // A learner that lost its leader (the link broke, or it went silent) does not wait for that server's vote:
        // after a crash of the leader the survivors settle as soon as they have heard each other, rather than
        // finalizeWait later. Which server leads is still decided by the votes of a quorum; see
        // FastLeaderElection.start.
        Set<Long> suspected = following != null && following.leaderLost() ? Set.of(following.leaderId()) : Set.of();
        role = ZabRole.LOOKING;
        leading = null;
        following = null;
        for (FastLeaderElection.Outbound o : election.start(history.last(), currentEpoch, election.round(), nowMs,
                suspected)) {
            r.notifications.add(o);
        }
    }

    public Ready onNotification(Notification n, long nowMs) {
        Ready r = new Ready();
        if (role != ZabRole.LOOKING) {
            // Settled: tell a looking server whom we follow, so that it can join.
            if (n.state() == PeerState.LOOKING) {
                r.notifications.add(new FastLeaderElection.Outbound(n.from(), election.myNotification()));
            }
            return r;
        }
        r.notifications.addAll(election.receive(n, nowMs));
        settleIfDecided(nowMs, r);
        return r;
    }

    private void settleIfDecided(long nowMs, Ready r) {
        FastLeaderElection.Outcome o = election.outcome();
        if (o == null) {
            return;
        }
        if (o.state() == PeerState.LEADING) {
            role = ZabRole.LEADING;
            leading = new Leading(myId, quorum, history, acceptedEpoch, currentEpoch, timing.initLimitMs(),
                    timing.syncLimitMs(), nowMs);
        } else {
            role = o.state() == PeerState.OBSERVING ? ZabRole.OBSERVING : ZabRole.FOLLOWING;
            following = new Following(o.leaderId(), role == ZabRole.OBSERVING, history, acceptedEpoch, currentEpoch,
                    timing.initLimitMs(), timing.syncLimitMs(), nowMs);
        }
        r.roleChange = role;
        r.leaderId = o.leaderId();
    }

    /** The link to {@code peer} came up (a learner's link to its leader). */
    public Ready onConnected(long peer, long nowMs) {
        Ready r = new Ready();
        if (following != null && following.leaderId() == peer) {
            following.connected(r);
        }
        return finish(r, nowMs);
    }

    public Ready onDisconnected(long peer, long nowMs) {
        Ready r = new Ready();
        if (following != null && following.leaderId() == peer) {
            following.disconnected(r);
        } else if (leading != null) {
            leading.disconnected(peer, r);
        }
        return finish(r, nowMs);
    }

    public Ready onMessage(long from, ZabMessage m, long nowMs) {
        Ready r = new Ready();
        if (leading != null) {
            leading.receive(from, m, nowMs, r);
        } else if (following != null) {
            following.receive(from, m, nowMs, r);
        }
        return finish(r, nowMs);
    }

    public Ready tick(long nowMs) {
        Ready r = new Ready();
        if (role == ZabRole.LOOKING) {
            r.notifications.addAll(election.tick(nowMs));
            settleIfDecided(nowMs, r);
            return r;
        }
        if (leading != null) {
            leading.tick(nowMs, timing.tickMs(), r);
        } else if (following != null) {
            following.tick(nowMs, r);
        }
        return finish(r, nowMs);
    }

    /** Proposes a transaction (leader only, once established); the Ready carries the log append and messages. */
    public Ready propose(byte[] txn, long nowMs) {
        if (leading == null || !leading.established()) {
            throw new IllegalStateException("only an established leader proposes");
        }
        Ready r = new Ready();
        leading.propose(txn, r);
        if (leading.counterExhausted()) {
            // The low 32 bits of the zxid are nearly used up: a new election starts a new epoch at counter 0.
            r.roleChange = ZabRole.LOOKING;
            r.stopServing = true;
            r.reason = "zxid counter exhausted in epoch " + leading.epoch();
        }
        return finish(r, nowMs);
    }

    /**
     * Proposes a transaction the request pipeline prepared with {@code zxid} in its header. A zxid other than the
     * next one means the pipeline and the leader disagree: the leader steps down rather than log a lie.
     */
    public Ready propose(long zxid, byte[] txn, long nowMs) {
        if (leading == null || !leading.established()) {
            throw new IllegalStateException("only an established leader proposes");
        }
        if (zxid != leading.nextZxid()) {
            Ready r = new Ready();
            leading.abandon("a proposal with zxid 0x" + Long.toHexString(zxid) + " where 0x"
                    + Long.toHexString(leading.nextZxid()) + " was next", r);
            return finish(r, nowMs);
        }
        return propose(txn, nowMs);
    }

    /** The runtime made this peer's log durable up to {@code zxid} (a leader counts it as its own ack). */
    public Ready persisted(long zxid, long nowMs) {
        Ready r = new Ready();
        if (leading != null) {
            leading.persisted(zxid, r);
        }
        return finish(r, nowMs);
    }

    /** Records persisted epochs and turns a role's "give up" into a new election. */
    private Ready finish(Ready r, long nowMs) {
        if (r.acceptedEpoch >= 0) {
            acceptedEpoch = r.acceptedEpoch;
        }
        if (r.currentEpoch >= 0) {
            currentEpoch = r.currentEpoch;
        }
        if (r.roleChange == ZabRole.LOOKING) {
            look(nowMs, r);
        }
        return r;
    }
}

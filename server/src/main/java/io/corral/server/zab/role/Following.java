package io.corral.server.zab.role;

import io.corral.api.persistence.LogEntry;
import io.corral.server.zab.History;
import io.corral.server.zab.Ready;
import io.corral.server.zab.ZabMessage;
import io.corral.server.zab.ZabRole;
import java.util.Map;
import java.util.TreeMap;

/**
 * A learner (follower or observer) of an elected leader: discovery (FollowerInfo, LeaderInfo, AckEpoch), sync
 * (Diff / Trunc / Snap, then NewLeader), then broadcast (log and acknowledge proposals, apply commits; an
 * observer logs and applies informs). Gives up and goes back to looking when the leader is silent for longer
 * than the limit of its phase, or says something that cannot be right.
 */
public final class Following {
    private enum Phase { CONNECTING, EPOCH, SYNCING, SYNCED, BROADCAST }

    private final long leaderId;
    private final boolean observer;
    private final History history;
    private final long initLimitMs;
    private final long syncLimitMs;
    private final TreeMap<Long, byte[]> uncommitted = new TreeMap<>();
    private long acceptedEpoch;
    private long currentEpoch;
    private long newEpoch = -1;
    private long lastCommitted;
    private Phase phase = Phase.CONNECTING;
    private long lastHeardMs;
    /** The role ended because the leader went silent or its link broke (not because of what it said). */
    private boolean leaderLost;

    public Following(long leaderId, boolean observer, History history, long acceptedEpoch, long currentEpoch,
                     long initLimitMs, long syncLimitMs, long nowMs) {
        this.leaderId = leaderId;
        this.observer = observer;
        this.history = history;
        this.acceptedEpoch = acceptedEpoch;
        this.currentEpoch = currentEpoch;
        this.initLimitMs = initLimitMs;
        this.syncLimitMs = syncLimitMs;
        this.lastHeardMs = nowMs;
        this.lastCommitted = history.last();
    }

    public long leaderId() {
        return leaderId;
    }

    public boolean serving() {
        return phase == Phase.BROADCAST;
    }

    /**
     * ZooKeeper's ZabState of a learner, in lower case, for monitoring: {@code discovery} until it acknowledged
     * the leader's epoch, {@code synchronization} until UPTODATE, then {@code broadcast}.
     */
    public String zabState() {
        return switch (phase) {
            case CONNECTING -> "discovery";
            case EPOCH, SYNCING, SYNCED -> "synchronization";
            case BROADCAST -> "broadcast";
        };
    }

    /** The link to the leader is up: introduce ourselves. */
    public void connected(Ready r) {
        r.send(leaderId, new ZabMessage.FollowerInfo(acceptedEpoch, observer));
    }

    public void receive(long from, ZabMessage m, long nowMs, Ready r) {
        if (from != leaderId) {
            return;
        }
        lastHeardMs = nowMs;
        if (m instanceof ZabMessage.LeaderInfo info) {
            onLeaderInfo(info.epoch(), r);
        } else if (m instanceof ZabMessage.Diff) {
            phase = Phase.SYNCING;
        } else if (m instanceof ZabMessage.Trunc t) {
            onTrunc(t.toZxid(), r);
        } else if (m instanceof ZabMessage.Snap s) {
            onSnap(s, r);
        } else if (m instanceof ZabMessage.Proposal p) {
            onProposal(p, r);
        } else if (m instanceof ZabMessage.Commit c) {
            onCommit(c.zxid(), r);
        } else if (m instanceof ZabMessage.Inform i) {
            onInform(i, r);
        } else if (m instanceof ZabMessage.NewLeader nl) {
            onNewLeader(nl.epoch(), r);
        } else if (m instanceof ZabMessage.UpToDate) {
            onUpToDate(r);
        } else if (m instanceof ZabMessage.Ping) {
            r.send(leaderId, new ZabMessage.Ping());
        } else {
            giveUp(r, "unexpected " + m.getClass().getSimpleName() + " from the leader");
        }
    }

    private void onLeaderInfo(long epoch, Ready r) {
        if (phase != Phase.CONNECTING) {
            return;
        }
        if (epoch < acceptedEpoch) {
            giveUp(r, "the leader proposes epoch " + epoch + " below the accepted " + acceptedEpoch);
            return;
        }
        if (epoch > acceptedEpoch) {
            acceptedEpoch = epoch;
            r.acceptedEpoch = epoch;
        }
        newEpoch = epoch;
        phase = Phase.EPOCH;
        r.send(leaderId, new ZabMessage.AckEpoch(currentEpoch, history.last()));
    }

    private void onTrunc(long toZxid, Ready r) {
        phase = Phase.SYNCING;
        if (!history.truncateAfter(toZxid)) {
            // Our log has no entry at toZxid: truncating would leave a hole, so ask for the whole state.
            r.send(leaderId, new ZabMessage.NeedSnapshot());
            return;
        }
        uncommitted.tailMap(toZxid, false).clear();
        lastCommitted = Math.min(lastCommitted, toZxid);
        r.truncateAfter = toZxid;
    }

    private void onSnap(ZabMessage.Snap s, Ready r) {
        phase = Phase.SYNCING;
        history.reset(s.zxid());
        uncommitted.clear();
        lastCommitted = s.zxid();
        r.snapshot = s.snapshot();
        r.snapshotZxid = s.zxid();
    }

    private void onProposal(ZabMessage.Proposal p, Ready r) {
        if (p.zxid() <= history.last()) {
            return; // already logged (a DIFF overlapping what we had)
        }
        history.append(p.zxid(), p.txn());
        uncommitted.put(p.zxid(), p.txn());
        r.append.add(new LogEntry(p.zxid(), p.txn()));
        if (phase == Phase.BROADCAST) {
            r.send(leaderId, new ZabMessage.Ack(p.zxid()));
        }
    }

    private void onCommit(long zxid, Ready r) {
        Map<Long, byte[]> due = uncommitted.headMap(zxid, true);
        due.forEach((z, t) -> r.commits.add(new LogEntry(z, t)));
        due.clear();
        lastCommitted = Math.max(lastCommitted, zxid);
    }

    /** An observer's commit: the transaction itself, unless the sync already sent it as a proposal. */
    private void onInform(ZabMessage.Inform i, Ready r) {
        if (i.zxid() > history.last()) {
            history.append(i.zxid(), i.txn());
            uncommitted.put(i.zxid(), i.txn());
            r.append.add(new LogEntry(i.zxid(), i.txn()));
        }
        onCommit(i.zxid(), r);
    }

    private void onNewLeader(long epoch, Ready r) {
        if (epoch != newEpoch) {
            giveUp(r, "NewLeader for epoch " + epoch + " after LeaderInfo for " + newEpoch);
            return;
        }
        // Everything received so far is logged by this same Ready before the Ack leaves (the Ready contract).
        currentEpoch = epoch;
        r.currentEpoch = epoch;
        phase = Phase.SYNCED;
        r.send(leaderId, new ZabMessage.Ack(epoch << 32));
    }

    private void onUpToDate(Ready r) {
        if (phase != Phase.SYNCED) {
            giveUp(r, "UpToDate before NewLeader");
            return;
        }
        phase = Phase.BROADCAST;
        r.startServing = true;
        // Proposals that arrived between NewLeader and UpToDate were logged but not yet acknowledged.
        if (!uncommitted.isEmpty()) {
            r.send(leaderId, new ZabMessage.Ack(uncommitted.lastKey()));
        }
    }

    /** Gives up on a leader that went quiet: initLimit while syncing, syncLimit once broadcasting. */
    public void tick(long nowMs, Ready r) {
        long limit = phase == Phase.BROADCAST ? syncLimitMs : initLimitMs;
        if (nowMs - lastHeardMs > limit) {
            leaderLost = true;
            giveUp(r, "the leader " + leaderId + " was silent for " + (nowMs - lastHeardMs) + " ms");
        }
    }

    /**
     * Before the leader has answered, a lost or refused link is expected (the leader may not have settled yet,
     * or dropped links from before it led): dial again, and give up only when initLimit passes in silence.
     */
    public void disconnected(Ready r) {
        if (phase == Phase.CONNECTING) {
            r.reconnectToLeader = true;
            return;
        }
        leaderLost = true;
        giveUp(r, "lost the connection to the leader " + leaderId);
    }

    /** True once this learner gave up because its leader went silent or the link to it broke. */
    public boolean leaderLost() {
        return leaderLost;
    }

    private void giveUp(Ready r, String why) {
        // Fast-forward: what we logged but saw no commit for joins our state, as after a restart. Our history is
        // our whole log; if some of it never committed, the next leader truncates it and the state is reloaded.
        uncommitted.forEach((z, t) -> r.commits.add(new LogEntry(z, t)));
        uncommitted.clear();
        r.roleChange = ZabRole.LOOKING;
        r.stopServing = phase == Phase.BROADCAST;
        r.reason = why;
    }

    public long acceptedEpoch() {
        return acceptedEpoch;
    }

    public long currentEpoch() {
        return currentEpoch;
    }

    public long lastCommitted() {
        return lastCommitted;
    }
}

package io.corral.server.zab.role;

import io.corral.api.persistence.LogEntry;
import io.corral.server.zab.History;
import io.corral.server.zab.Ready;
import io.corral.server.zab.ZabMessage;
import io.corral.server.zab.ZabRole;
import io.corral.server.zab.quorum.QuorumVerifier;
import io.corral.server.zab.sync.SyncPlan;
import io.corral.server.zab.sync.SyncPlanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An elected leader: establishes a new epoch with a quorum (discovery and sync), then broadcasts proposals and
 * commits each once a quorum, itself included, has logged it. Steps down when it cannot establish the epoch
 * within initLimit, or loses contact with a quorum for longer than syncLimit.
 *
 * <p>Its history is its whole log: every entry it holds becomes committed in the new epoch, which is why the
 * election must pick a candidate at least as fresh as a quorum.
 */
public final class Leading {
    private enum LearnerPhase { INFO, EPOCH_SENT, SYNCED, ACTIVE }

    private static final class Learner {
        final long id;
        final boolean observer;
        LearnerPhase phase = LearnerPhase.INFO;
        long acceptedEpoch;
        long lastHeardMs;
        /** From its AckEpoch; -1 until then. */
        long lastZxid = -1;

        Learner(long id, boolean observer, long acceptedEpoch, long nowMs) {
            this.id = id;
            this.observer = observer;
            this.acceptedEpoch = acceptedEpoch;
            this.lastHeardMs = nowMs;
        }
    }

    private final long myId;
    private final QuorumVerifier quorum;
    private final History history;
    private final long initLimitMs;
    private final long syncLimitMs;
    private final long startedMs;
    private final long myAcceptedEpoch;
    private final long myCurrentEpoch;
    private final Map<Long, Learner> learners = new HashMap<>();
    private final Set<Long> epochAcks = new HashSet<>();
    private final Set<Long> newLeaderAcks = new HashSet<>();
    private final TreeMap<Long, Set<Long>> pendingAcks = new TreeMap<>();
    /**
     * The transactions of {@link #pendingAcks}. Kept here, not read back from the history, which is bounded and
     * may already have dropped a proposal that is still waiting for its quorum.
     */
    private final TreeMap<Long, byte[]> pendingTxns = new TreeMap<>();
    private long epoch = -1;
    private boolean established;
    private boolean syncing;
    private long counter;
    private long lastCommitted;
    private long lastPingMs;

    public Leading(long myId, QuorumVerifier quorum, History history, long acceptedEpoch, long currentEpoch,
                   long initLimitMs, long syncLimitMs, long nowMs) {
        this.myId = myId;
        this.quorum = quorum;
        this.history = history;
        this.myAcceptedEpoch = acceptedEpoch;
        this.myCurrentEpoch = currentEpoch;
        this.initLimitMs = initLimitMs;
        this.syncLimitMs = syncLimitMs;
        this.startedMs = nowMs;
        this.lastPingMs = nowMs;
        this.lastCommitted = history.last();
    }

    public boolean established() {
        return established;
    }

    public long epoch() {
        return epoch;
    }

    public long lastCommitted() {
        return lastCommitted;
    }

    /** A learner as monitoring sees it: synced once it acknowledged NEWLEADER (it then gets every commit). */
    public record LearnerStatus(long id, boolean observer, boolean synced) {
    }

    /** The learners connected now, by id. Read-only; on the thread that owns this leader. */
    public List<LearnerStatus> learnerStatus() {
        List<LearnerStatus> out = new ArrayList<>(learners.size());
        for (Learner l : learners.values()) {
            out.add(new LearnerStatus(l.id, l.observer, l.phase == LearnerPhase.ACTIVE));
        }
        out.sort(Comparator.comparingLong(LearnerStatus::id));
        return out;
    }

    /**
     * ZooKeeper's ZabState of a leader, in lower case: {@code discovery} until a quorum acknowledged the new epoch,
     * {@code synchronization} until a quorum is synced, then {@code broadcast}.
     */
    public String zabState() {
        if (established) {
            return "broadcast";
        }
        return syncing ? "synchronization" : "discovery";
    }

    public void receive(long from, ZabMessage m, long nowMs, Ready r) {
        Learner l = learners.get(from);
        if (l != null) {
            l.lastHeardMs = nowMs;
        }
        if (m instanceof ZabMessage.FollowerInfo info) {
            onFollowerInfo(from, info, nowMs, r);
        } else if (m instanceof ZabMessage.AckEpoch ack) {
            onAckEpoch(l, ack, r);
        } else if (m instanceof ZabMessage.Ack ack) {
            onAck(l, ack.zxid(), r);
        } else if (m instanceof ZabMessage.NeedSnapshot && l != null) {
            sendSnapshot(l, r);
        }
    }

    private void onFollowerInfo(long from, ZabMessage.FollowerInfo info, long nowMs, Ready r) {
        Learner l = new Learner(from, info.observer(), info.acceptedEpoch(), nowMs);
        learners.put(from, l);
        if (epoch < 0) {
            List<Long> known = new ArrayList<>();
            known.add(myId);
            learners.values().forEach(x -> known.add(x.id));
            if (!quorum.isQuorum(known)) {
                return;
            }
            // A new epoch above every epoch any member of this quorum ever accepted: no old leader can
            // still get a proposal acknowledged by it.
            long max = myAcceptedEpoch;
            for (Learner x : learners.values()) {
                max = Math.max(max, x.acceptedEpoch);
            }
            epoch = max + 1;
            r.acceptedEpoch = epoch;
            epochAcks.add(myId);
            for (Learner x : learners.values()) {
                x.phase = LearnerPhase.EPOCH_SENT;
                r.send(x.id, new ZabMessage.LeaderInfo(epoch));
            }
            return;
        }
        l.phase = LearnerPhase.EPOCH_SENT;
        r.send(from, new ZabMessage.LeaderInfo(epoch));
    }

    private void onAckEpoch(Learner l, ZabMessage.AckEpoch ack, Ready r) {
        if (l == null || l.phase != LearnerPhase.EPOCH_SENT || l.lastZxid >= 0) {
            return;
        }
        if (!established && (ack.currentEpoch() > myCurrentEpoch
                || (ack.currentEpoch() == myCurrentEpoch && ack.lastZxid() > history.last()))) {
            // A member of the establishing quorum knows more than we do: the election picked the wrong server.
            stepDown(r, "learner " + l.id + " is ahead of this leader (epoch " + ack.currentEpoch() + ", zxid 0x"
                    + Long.toHexString(ack.lastZxid()) + ")");
            return;
        }
        l.lastZxid = ack.lastZxid();
        if (!l.observer) {
            epochAcks.add(l.id);
        }
        if (established || syncing) {
            sync(l, l.lastZxid, r);
            return;
        }
        // Nobody is synced before a quorum acknowledged the epoch: a fresher member of it must be able to stop
        // this leader before any learner is told to truncate.
        if (quorum.isQuorum(new ArrayList<>(epochAcks))) {
            syncing = true;
            for (Learner x : learners.values()) {
                if (x.phase == LearnerPhase.EPOCH_SENT && x.lastZxid >= 0) {
                    sync(x, x.lastZxid, r);
                }
            }
        }
    }

    /** Sends what the learner lacks, then NewLeader; from here on it also gets every new proposal. */
    private void sync(Learner l, long learnerLastZxid, Ready r) {
        SyncPlan plan = SyncPlanner.plan(learnerLastZxid, history.last(), history.base(), history.zxids());
        switch (plan.kind()) {
            case SNAP -> {
                sendSnapshot(l, r);
                return;
            }
            case TRUNC -> r.send(l.id, new ZabMessage.Trunc(plan.truncateTo()));
            case TRUNC_DIFF -> {
                r.send(l.id, new ZabMessage.Trunc(plan.truncateTo()));
                sendHistory(l, plan.diffFrom(), r);
            }
            case DIFF -> {
                r.send(l.id, new ZabMessage.Diff(plan.diffFrom()));
                sendHistory(l, plan.diffFrom(), r);
            }
        }
        finishSync(l, r);
    }

    private void sendSnapshot(Learner l, Ready r) {
        // The runtime replaces the placeholder with the leader's state at lastCommitted; proposals not yet
        // committed follow as proposals, so the learner misses nothing.
        r.send(l.id, new ZabMessage.Snap(lastCommitted, null));
        for (Map.Entry<Long, Set<Long>> p : pendingAcks.entrySet()) {
            r.send(l.id, new ZabMessage.Proposal(p.getKey(), pendingTxns.get(p.getKey())));
        }
        finishSync(l, r);
    }

    private void sendHistory(Learner l, long fromZxid, Ready r) {
        for (LogEntry e : history.after(fromZxid)) {
            r.send(l.id, new ZabMessage.Proposal(e.zxid(), e.bytes()));
            if (e.zxid() <= lastCommitted) {
                r.send(l.id, new ZabMessage.Commit(e.zxid()));
            }
        }
    }

    private void finishSync(Learner l, Ready r) {
        l.phase = LearnerPhase.SYNCED;
        r.send(l.id, new ZabMessage.NewLeader(epoch));
    }

    private void onAck(Learner l, long zxid, Ready r) {
        if (l == null) {
            return;
        }
        if (l.phase == LearnerPhase.SYNCED && zxid == epoch << 32) {
            l.phase = LearnerPhase.ACTIVE;
            if (!l.observer) {
                newLeaderAcks.add(l.id);
            }
            if (established) {
                r.send(l.id, new ZabMessage.UpToDate());
            } else {
                maybeEstablish(r);
            }
            return;
        }
        if (!l.observer && l.phase == LearnerPhase.ACTIVE) {
            acked(l.id, zxid, r);
        }
    }

    private void maybeEstablish(Ready r) {
        List<Long> acks = new ArrayList<>(newLeaderAcks);
        acks.add(myId);
        if (!quorum.isQuorum(acks)) {
            return;
        }
        established = true;
        r.currentEpoch = epoch;
        r.startServing = true;
        for (Learner l : learners.values()) {
            if (l.phase == LearnerPhase.ACTIVE) {
                r.send(l.id, new ZabMessage.UpToDate());
            }
        }
    }

    /** The zxid the next proposal gets: the request pipeline stamps it into the transaction it prepares. */
    public long nextZxid() {
        return (epoch << 32) | (counter + 1);
    }

    /** Gives up leadership (the runtime found the request pipeline out of step with it). */
    public void abandon(String why, Ready r) {
        stepDown(r, why);
    }

    /** Proposes a transaction; returns its zxid. The caller must only propose once {@link #established()}. */
    public long propose(byte[] txn, Ready r) {
        if (!established) {
            throw new IllegalStateException("proposal before the epoch is established");
        }
        long zxid = (epoch << 32) | ++counter;
        history.append(zxid, txn);
        pendingAcks.put(zxid, new HashSet<>());
        pendingTxns.put(zxid, txn);
        r.append.add(new LogEntry(zxid, txn));
        for (Learner l : learners.values()) {
            if (!l.observer && (l.phase == LearnerPhase.SYNCED || l.phase == LearnerPhase.ACTIVE)) {
                r.send(l.id, new ZabMessage.Proposal(zxid, txn));
            }
        }
        return zxid;
    }

    /** The runtime made our own log durable up to {@code zxid}: that is this server's acknowledgement. */
    public void persisted(long zxid, Ready r) {
        acked(myId, zxid, r);
    }

    private void acked(long who, long zxid, Ready r) {
        for (Set<Long> acks : pendingAcks.headMap(zxid, true).values()) {
            acks.add(who);
        }
        // Commit in zxid order: a proposal commits only after every earlier one did.
        while (!pendingAcks.isEmpty() && quorum.isQuorum(pendingAcks.firstEntry().getValue())) {
            long z = pendingAcks.pollFirstEntry().getKey();
            byte[] txn = pendingTxns.remove(z);
            lastCommitted = z;
            r.commits.add(new LogEntry(z, txn));
            for (Learner l : learners.values()) {
                if (l.phase == LearnerPhase.SYNCED || l.phase == LearnerPhase.ACTIVE) {
                    r.send(l.id, l.observer ? new ZabMessage.Inform(z, txn) : new ZabMessage.Commit(z));
                }
            }
        }
    }

    public void disconnected(long learnerId, Ready r) {
        learners.remove(learnerId);
        newLeaderAcks.remove(learnerId);
    }

    /** Pings learners; steps down without a quorum (syncLimit) or an established epoch (initLimit). */
    public void tick(long nowMs, long pingEveryMs, Ready r) {
        if (!established) {
            if (nowMs - startedMs > initLimitMs) {
                stepDown(r, "no quorum of learners synced within initLimit (" + initLimitMs + " ms)");
            }
            return;
        }
        List<Long> alive = new ArrayList<>();
        alive.add(myId);
        for (Learner l : learners.values()) {
            if (l.phase == LearnerPhase.ACTIVE && nowMs - l.lastHeardMs <= syncLimitMs) {
                alive.add(l.id);
            }
        }
        if (!quorum.isQuorum(alive)) {
            stepDown(r, "lost contact with a quorum for longer than syncLimit (" + syncLimitMs + " ms)");
            return;
        }
        if (nowMs - lastPingMs >= pingEveryMs) {
            lastPingMs = nowMs;
            for (Learner l : learners.values()) {
                r.send(l.id, new ZabMessage.Ping());
            }
        }
    }

    /** Tests only: continues the epoch's counter from {@code counter}, to reach its end without 2^32 proposals. */
    void skipCounterTo(long counter) {
        this.counter = counter;
    }

    /** Zxid counter exhaustion: the epoch must end (a new election starts a new epoch at counter 0). */
    public boolean counterExhausted() {
        return counter >= 0xfffffff0L;
    }

    private void stepDown(Ready r, String why) {
        // Fast-forward our state over what we proposed and logged without a quorum yet (see Following.giveUp).
        for (Long z : pendingAcks.keySet()) {
            r.commits.add(new LogEntry(z, pendingTxns.get(z)));
        }
        pendingAcks.clear();
        pendingTxns.clear();
        r.roleChange = ZabRole.LOOKING;
        r.stopServing = established;
        r.reason = why;
    }
}

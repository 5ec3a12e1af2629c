package io.corral.server.zab;

/**
 * The messages of the leader/learner link, after ZooKeeper's packet types (file 09 of the protocol notes), in
 * Corral's own encoding: the quorum protocol is not wire-compatible with ZooKeeper's, only alike in shape.
 */
public sealed interface ZabMessage {

    /** Learner → leader, first: the epoch it last accepted and whether it observes. */
    record FollowerInfo(long acceptedEpoch, boolean observer) implements ZabMessage {
    }

    /** Leader → learner: the epoch being established (or the established one, for a late joiner). */
    record LeaderInfo(long epoch) implements ZabMessage {
    }

    /** Learner → leader: its current (committed-to) epoch and last logged zxid. */
    record AckEpoch(long currentEpoch, long lastZxid) implements ZabMessage {
    }

    /** Leader → learner: the proposals after {@code fromZxid} follow, each as a Proposal then a Commit. */
    record Diff(long fromZxid) implements ZabMessage {
    }

    /** Leader → learner: drop every logged entry after {@code toZxid}; proposals may follow as for a Diff. */
    record Trunc(long toZxid) implements ZabMessage {
    }

    /** Leader → learner: replace everything with this snapshot of the leader's state at {@code zxid}. */
    record Snap(long zxid, Object snapshot) implements ZabMessage {
    }

    /** Leader → learner: sync is complete; persist it and acknowledge to join epoch {@code epoch}. */
    record NewLeader(long epoch) implements ZabMessage {
    }

    /** Leader → learner: the epoch is established; start serving clients. */
    record UpToDate() implements ZabMessage {
    }

    /** Leader → follower: log this transaction and acknowledge it. */
    record Proposal(long zxid, byte[] txn) implements ZabMessage {
    }

    /** Leader → follower: apply the proposal with this zxid (and every earlier one). */
    record Commit(long zxid) implements ZabMessage {
    }

    /** Leader → observer: a committed transaction, to log and apply. */
    record Inform(long zxid, byte[] txn) implements ZabMessage {
    }

    /** Learner → leader: everything up to {@code zxid} is logged durably (also the answer to NewLeader). */
    record Ack(long zxid) implements ZabMessage {
    }

    /** Learner → leader: it could not truncate to the zxid asked for (a gap in its log); it needs a snapshot. */
    record NeedSnapshot() implements ZabMessage {
    }

    /** Both ways, for liveness. */
    record Ping() implements ZabMessage {
    }

    // ---- The servers' own traffic on the same link; the ZAB core never sees these, the runtime routes them. ----

    /**
     * Learner → leader: a client request the learner cannot prepare itself (a write, createSession, closeSession
     * or sync), with the ids its session authenticated as, since ACL checks happen on the leader.
     */
    record Forward(long sessionId, int cxid, int type, byte[] request, java.util.List<io.corral.api.auth.AuthId> auth)
            implements ZabMessage {
    }

    /** Leader → learner: every commit sent before this one covers the forwarded sync of (session, cxid). */
    record SyncDone(long sessionId, int cxid) implements ZabMessage {
    }

    /** Learner → leader: sessions its clients were heard from since the last touch; only the leader expires. */
    record Touch(long[] sessionIds) implements ZabMessage {
    }
}

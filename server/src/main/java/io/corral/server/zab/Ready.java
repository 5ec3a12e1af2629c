package io.corral.server.zab;

import io.corral.api.persistence.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * What a step of the ZAB core asks its runtime to do, in this order (etcd raft's Ready):
 * <ol>
 *   <li>load {@link #snapshot} if set (the state and log are replaced by it);</li>
 *   <li>truncate the log after {@link #truncateAfter} if set;</li>
 *   <li>append {@link #append} to the log and persist {@link #acceptedEpoch} / {@link #currentEpoch} if set,
 *       durably (fsync) — BEFORE any message is sent, since messages may acknowledge them;</li>
 *   <li>send {@link #messages} and {@link #notifications};</li>
 *   <li>apply {@link #commits} to the tree, in order;</li>
 *   <li>then, for a leader, report the appended entries back with {@code ZabPeer.persisted}.</li>
 * </ol>
 */
public final class Ready {
    /** One message to one peer. */
    public record Outbound(long to, ZabMessage message) {
    }

    public Object snapshot;
    public long snapshotZxid = -1;
    public long truncateAfter = -1;
    public final List<LogEntry> append = new ArrayList<>();
    public long acceptedEpoch = -1;
    public long currentEpoch = -1;
    public final List<Outbound> messages = new ArrayList<>();
    public final List<LogEntry> commits = new ArrayList<>();
    /** Election notifications, sent over the election links (separate from the leader/learner links). */
    public final List<io.corral.server.zab.election.FastLeaderElection.Outbound> notifications = new ArrayList<>();
    /** The link to the leader could not be made (it may not lead yet): dial it again shortly. */
    public boolean reconnectToLeader;
    /** With a role change to FOLLOWING or OBSERVING: the leader to connect to. */
    public long leaderId = -1;
    /** Set when the peer stops being what it was (back to LOOKING, or a new role); the runtime rewires. */
    public ZabRole roleChange;
    /** Set when the peer starts serving clients in its role (a learner got UPTODATE, a leader established). */
    public boolean startServing;
    /** Set when the peer must stop serving clients (it lost its leader or its quorum). */
    public boolean stopServing;

    public boolean isEmpty() {
        return snapshot == null && truncateAfter < 0 && append.isEmpty() && acceptedEpoch < 0 && currentEpoch < 0
                && messages.isEmpty() && commits.isEmpty() && notifications.isEmpty() && roleChange == null
                && !startServing && !stopServing && !reconnectToLeader;
    }

    /** Why the role changed, for the log. */
    public String reason;

    public void send(long to, ZabMessage m) {
        messages.add(new Outbound(to, m));
    }
}

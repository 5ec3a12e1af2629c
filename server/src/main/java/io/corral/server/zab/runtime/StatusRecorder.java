package io.corral.server.zab.runtime;

import io.corral.server.zab.ZabPeer;
import io.corral.server.zab.ZabRole;
import io.corral.server.zab.role.Leading;
import java.util.List;

/**
 * Keeps the figures monitoring reports of a peer (election time, leadership start, proposal sizes) and publishes
 * them with the peer's role, phase and learners as one immutable {@link ZabStatus}. Every method but
 * {@link #status()} is called by the runtime thread, which alone touches the peer; {@link #status()} is for any
 * thread.
 */
final class StatusRecorder {
    private volatile ZabStatus status = ZabStatus.STARTING;
    private long lookingSinceMs;
    private long electionTimeMs;
    private long leadingSinceMs = -1;
    private long lastProposalSize = -1;
    private long minProposalSize = -1;
    private long maxProposalSize = -1;

    ZabStatus status() {
        return status;
    }

    /** The peer starts looking. */
    void started(long nowMs) {
        lookingSinceMs = nowMs;
    }

    /** A proposal of {@code bytes} leaves this leader (ZooKeeper's ProposalStats). */
    void proposed(long bytes) {
        lastProposalSize = bytes;
        minProposalSize = minProposalSize < 0 ? bytes : Math.min(minProposalSize, bytes);
        maxProposalSize = Math.max(maxProposalSize, bytes);
    }

    /** Times elections and leaderships, as ZooKeeper's ElectionTimeTaken and leader_uptime report them. */
    void roleChanged(ZabRole before, ZabRole after, long nowMs) {
        if (after == ZabRole.LOOKING) {
            lookingSinceMs = nowMs;
            leadingSinceMs = -1;
            return;
        }
        if (before == ZabRole.LOOKING) {
            electionTimeMs = nowMs - lookingSinceMs;
        }
        if (after == ZabRole.LEADING) {
            // Each leadership has its own statistics, as each ZooKeeper Leader has its own ProposalStats.
            leadingSinceMs = nowMs;
            lastProposalSize = -1;
            minProposalSize = -1;
            maxProposalSize = -1;
        }
    }

    /** Publishes the peer as it is now. */
    void publish(ZabPeer peer, long leaderId) {
        ZabRole role = peer.role();
        String phase = "election";
        List<Leading.LearnerStatus> learners = List.of();
        if (peer.leading() != null) {
            phase = peer.leading().zabState();
            learners = peer.leading().learnerStatus();
        } else if (peer.following() != null) {
            phase = peer.following().zabState();
        }
        boolean leading = role == ZabRole.LEADING;
        status = new ZabStatus(role, phase, leaderId, electionTimeMs, learners, leading ? leadingSinceMs : -1,
                leading ? lastProposalSize : -1, leading ? minProposalSize : -1, leading ? maxProposalSize : -1);
    }

    /** Replication stopped on a failure: the peer takes no part any more. */
    void stopped() {
        status = new ZabStatus(ZabRole.LOOKING, "election", -1, electionTimeMs, List.of(), -1, -1, -1, -1);
    }
}

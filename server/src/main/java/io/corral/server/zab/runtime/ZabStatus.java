package io.corral.server.zab.runtime;

import io.corral.server.zab.ZabRole;
import io.corral.server.zab.role.Leading;
import java.util.List;
import java.util.Locale;

/**
 * What monitoring may read of a ZAB peer. The runtime thread, which alone touches the peer, publishes a new one at
 * every tick, role change and start or stop of serving; readers on any thread get an immutable value at most a
 * tick old.
 *
 * @param role             the peer's role
 * @param zabState         ZooKeeper's ZabState in lower case: {@code election} while looking, else
 *                         {@code discovery}, {@code synchronization} or {@code broadcast}
 * @param leaderId         the leader followed or this peer when it leads; -1 while looking
 * @param electionTimeMs   how long the last completed election took; 0 before the first one completes
 * @param learners         on a leader, the learners connected to it, by id; empty otherwise
 * @param leadingSinceMs   on a leader, when (the runtime clock's monotonic ms) it started to lead; -1 otherwise
 * @param lastProposalSize bytes of the latest proposal of this leadership; -1 before the first, as ZooKeeper
 * @param minProposalSize  the smallest proposal of this leadership, -1 before the first
 * @param maxProposalSize  the largest proposal of this leadership, -1 before the first
 */
public record ZabStatus(ZabRole role, String zabState, long leaderId, long electionTimeMs,
                        List<Leading.LearnerStatus> learners, long leadingSinceMs, long lastProposalSize,
                        long minProposalSize, long maxProposalSize) {

    /** Before the runtime thread published anything: looking, as the peer starts. */
    static final ZabStatus STARTING = new ZabStatus(ZabRole.LOOKING, "election", -1, 0, List.of(), -1, -1, -1, -1);

    public ZabStatus {
        learners = List.copyOf(learners);
    }

    /**
     * ZooKeeper's detailed peer state, as mntr's {@code zk_peer_state} prints it: the role, then the phase outside
     * an election ({@code following - broadcast}, {@code leading - discovery}, {@code looking}).
     */
    public String peerState() {
        String r = role.name().toLowerCase(Locale.ROOT);
        return role == ZabRole.LOOKING ? r : r + " - " + zabState;
    }
}

package io.corral.api.management;

import java.util.List;
import java.util.Objects;

/**
 * An ensemble member's view of its ensemble, as ZooKeeper's leader, voting_view, observers and zabstate commands,
 * mntr's ensemble keys and the replicated JMX beans show it. Immutable: a snapshot of the moment it was taken, at
 * most a tick old.
 *
 * <p>Addresses are {@code host:port} text as ZooKeeper prints them (an IPv6 host in brackets).
 *
 * @param myId           this server's id (its {@code myid})
 * @param leaderId       the leader this server follows or is; -1 while it looks for one
 * @param peerState      ZooKeeper's detailed peer state: the role ({@code looking}, {@code leading},
 *                       {@code following}, {@code observing}), then, outside an election, {@code " - "} and
 *                       the ZAB phase ({@code discovery}, {@code synchronization}, {@code broadcast}), e.g.
 *                       {@code following - broadcast}
 * @param electionTimeMs how long the last completed election took; 0 before the first one completes
 * @param members        every {@code server.N} line, sorted by id
 * @param learners       on a leader, the learners connected to it, sorted by id; empty on any other server
 */
public record EnsembleView(long myId, long leaderId, String peerState, long electionTimeMs, List<Member> members,
                           List<Learner> learners) {

    /** ZooKeeper's {@code ServerState} names, the first word of {@link #peerState()}. */
    public static final String LOOKING = "looking";
    public static final String LEADING = "leading";
    public static final String FOLLOWING = "following";
    public static final String OBSERVING = "observing";

    public EnsembleView {
        Objects.requireNonNull(peerState, "peerState");
        members = List.copyOf(members);
        learners = List.copyOf(learners);
    }

    /**
     * One {@code server.N} line of the configuration.
     *
     * @param quorumAddress   where learners connect to it when it leads
     * @param electionAddress where it takes part in leader election
     * @param clientAddress   where clients connect; empty when the configuration names none
     * @param observer        an observer ({@code :observer}) rather than a voting participant
     */
    public record Member(long id, String quorumAddress, String electionAddress, String clientAddress,
                         boolean observer) {
        public Member {
            Objects.requireNonNull(quorumAddress, "quorumAddress");
            Objects.requireNonNull(electionAddress, "electionAddress");
            clientAddress = clientAddress == null ? "" : clientAddress;
        }
    }

    /**
     * A learner connected to this leader.
     *
     * @param observer an observer rather than a follower
     * @param synced   it acknowledged the leader's NEWLEADER: it is in step and receives every commit
     */
    public record Learner(long id, boolean observer, boolean synced) {
    }

    /** The role: {@link #LOOKING}, {@link #LEADING}, {@link #FOLLOWING} or {@link #OBSERVING}. */
    public String role() {
        int dash = peerState.indexOf(" - ");
        return dash < 0 ? peerState : peerState.substring(0, dash);
    }

    /** ZooKeeper's ZabState in lower case: {@code election} while looking, else the phase in the peer state. */
    public String zabState() {
        int dash = peerState.indexOf(" - ");
        if (dash < 0) {
            return "election";
        }
        int next = peerState.indexOf(" - ", dash + 3);
        return next < 0 ? peerState.substring(dash + 3) : peerState.substring(dash + 3, next);
    }

    /** Whether this server is the leader. */
    public boolean leading() {
        return LEADING.equals(role());
    }

    /** This server's own line. */
    public Member self() {
        return member(myId);
    }

    /** The member with this id, or null. */
    public Member member(long id) {
        for (Member m : members) {
            if (m.id() == id) {
                return m;
            }
        }
        return null;
    }

    /** The voting members (participants), sorted by id. */
    public List<Member> voters() {
        return members.stream().filter(m -> !m.observer()).toList();
    }
}

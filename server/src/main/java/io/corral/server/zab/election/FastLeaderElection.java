package io.corral.server.zab.election;

import io.corral.api.election.ElectionStrategy;
import io.corral.api.election.Vote;
import io.corral.server.zab.quorum.QuorumVerifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fast leader election as a pure state machine: notifications and clock readings in, notifications to send and
 * finally an {@link Outcome} out. No threads, sockets or clocks: the runtime delivers messages and calls
 * {@link #tick} (etcd raft's shape), so the whole protocol runs unchanged in a single-threaded simulation.
 *
 * <p>The protocol: every looking server votes for the best candidate it knows (per the {@link ElectionStrategy},
 * among voting members only) in an election round; a higher round resets the lower ones. A server settles when
 * a quorum of voting members holds its vote in its round, after waiting {@code finalizeWaitMs} for a better
 * vote, or at once when every voter has been heard from in the round (none is left to bring a better vote). Voters
 * the caller names as suspected down when it starts the election (the leader whose loss started it) are not
 * waited for. A server that joins a running ensemble settles instead on the leader that a quorum of settled servers
 * (FOLLOWING or LEADING) report, once the leader itself confirms it is LEADING.
 */
public final class FastLeaderElection {

    /** What an election settled on. */
    public record Outcome(long leaderId, Vote vote, long round, PeerState state) {
    }

    /** A notification addressed to one server. */
    public record Outbound(long to, Notification notification) {
    }

    private static final long MAX_RESEND_MS = 60_000;

    private final long myId;
    private final QuorumVerifier quorum;
    private final List<Long> members;
    private final ElectionStrategy strategy;
    private final long finalizeWaitMs;
    private final long initialResendMs;

    private Vote myFreshness;
    /** Voters that settling need not have heard from: the ones this election started without, see start. */
    private Set<Long> suspected = Set.of();
    private long round;
    private Vote proposal;
    private final Map<Long, Notification> roundVotes = new HashMap<>();
    private final Map<Long, Notification> settledVotes = new HashMap<>();
    private long decideAtMs = -1;
    private long nextResendMs;
    private long resendMs;
    private Outcome outcome;

    /**
     * @param members every server of the ensemble, observers included (they learn the leader but never vote)
     */
    public FastLeaderElection(long myId, QuorumVerifier quorum, Set<Long> members, ElectionStrategy strategy,
                              long finalizeWaitMs, long initialResendMs) {
        this.myId = myId;
        this.quorum = quorum;
        // Sorted, so that the order of outgoing messages does not depend on hash seeds: simulations replay.
        this.members = members.stream().sorted().toList();
        this.strategy = strategy;
        this.finalizeWaitMs = finalizeWaitMs;
        this.initialResendMs = initialResendMs;
    }

    /**
     * Starts a new election (a new round) from this server's last logged zxid and current epoch. {@code lastRound}
     * is the round of the previous election, so rounds only grow.
     */
    public List<Outbound> start(long lastZxid, long epoch, long lastRound, long nowMs) {
        return start(lastZxid, epoch, lastRound, nowMs, Set.of());
    }

    /**
     * Starts a new election as {@link #start(long, long, long, long)}, with {@code suspected}: voters believed down
     * (a follower's leader whose link broke or went silent). A quorum agreeing on this server's vote settles it
     * as soon as every other voter has been heard from, instead of after finalizeWait. That wait only guards
     * against settling just before a better vote arrives, which a dead voter will not send; it is not what keeps
     * ZAB safe: the leader's discovery (a quorum's epochs and last zxids, stepping down for a fresher member of
     * it) is. A suspect that is alive after all still gets its vote counted when it arrives in time, and
     * otherwise joins the settled quorum as a late server does.
     */
    public List<Outbound> start(long lastZxid, long epoch, long lastRound, long nowMs, Set<Long> suspected) {
        this.suspected = Set.copyOf(suspected);
        outcome = null;
        round = Math.max(round, lastRound) + 1;
        roundVotes.clear();
        settledVotes.clear();
        decideAtMs = -1;
        myFreshness = new Vote(myId, lastZxid, epoch);
        // An observer proposes nobody of its own; it adopts the first candidate it hears of.
        proposal = quorum.isVoter(myId) ? myFreshness : new Vote(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE);
        resendMs = initialResendMs;
        nextResendMs = nowMs + resendMs;
        recordOwnVote();
        return broadcast();
    }

    public Outcome outcome() {
        return outcome;
    }

    public long round() {
        return round;
    }

    public Vote proposal() {
        return proposal;
    }

    /** Handles one notification; returns what to send in answer. */
    public List<Outbound> receive(Notification n, long nowMs) {
        if (proposal == null || outcome != null || n.from() == myId || !members.contains(n.from())) {
            // Not started yet (a peer was quicker than our start-up), settled, or not a member: nothing to do.
            return List.of();
        }
        return switch (n.state()) {
            case LOOKING -> fromLooking(n, nowMs);
            case FOLLOWING, LEADING -> fromSettled(n);
            case OBSERVING -> List.of(); // observers' votes count for nothing
        };
    }

    private List<Outbound> fromLooking(Notification n, long nowMs) {
        List<Outbound> out = new ArrayList<>();
        if (n.round() > round) {
            round = n.round();
            roundVotes.clear();
            decideAtMs = -1;
            proposal = better(n.vote(), quorum.isVoter(myId) ? myFreshness : proposal) ? n.vote()
                    : (quorum.isVoter(myId) ? myFreshness : proposal);
            recordOwnVote();
            out.addAll(broadcast());
        } else if (n.round() < round) {
            // The sender is behind: tell it where we are so that it joins this round.
            out.add(new Outbound(n.from(), myNotification()));
            return out;
        } else if (better(n.vote(), proposal)) {
            proposal = n.vote();
            decideAtMs = -1;
            recordOwnVote();
            out.addAll(broadcast());
        } else if (better(proposal, n.vote())) {
            // The sender votes for a worse candidate in our round: it has not heard our vote, which happens when
            // ours reached it while it was still settled (it answered with its old state and dropped it, as when
            // two followers lose their leader at the same moment). Telling it now saves it waiting for a resend.
            // An answer goes only to a vote that ours strictly supersedes, so each exchange moves the sender to a
            // better vote and ends (the strategy's order is strict and total; votes it cannot order get no answer).
            out.add(new Outbound(n.from(), myNotification()));
        }
        if (quorum.isVoter(n.from())) {
            roundVotes.put(n.from(), n);
        }
        if (agreeingQuorum(roundVotes, proposal)) {
            if (allHeard()) {
                settle(proposal, round);
            } else if (decideAtMs < 0) {
                decideAtMs = nowMs + finalizeWaitMs;
            }
        }
        return out;
    }

    private List<Outbound> fromSettled(Notification n) {
        if (n.round() == round && quorum.isVoter(n.from())) {
            roundVotes.put(n.from(), n);
            if (agreeingQuorum(roundVotes, n.vote()) && leaderConfirmed(roundVotes, n.vote().leaderId())) {
                settle(n.vote(), round);
                return List.of();
            }
        }
        if (quorum.isVoter(n.from())) {
            settledVotes.put(n.from(), n);
        }
        if (agreeingQuorum(settledVotes, n.vote()) && leaderConfirmed(settledVotes, n.vote().leaderId())) {
            round = n.round();
            settle(n.vote(), round);
        }
        return List.of();
    }

    /** Every voter but the suspected ones has a vote in this round. */
    private boolean allHeard() {
        for (long v : quorum.voters()) {
            if (!roundVotes.containsKey(v) && !suspected.contains(v)) {
                return false;
            }
        }
        return true;
    }

    /** Time passes: finalize a pending decision, or resend when the others have been quiet. */
    public List<Outbound> tick(long nowMs) {
        if (proposal == null || outcome != null) {
            return List.of();
        }
        if (decideAtMs >= 0 && nowMs >= decideAtMs) {
            if (agreeingQuorum(roundVotes, proposal)) {
                settle(proposal, round);
                return List.of();
            }
            decideAtMs = -1;
        }
        if (nowMs >= nextResendMs) {
            resendMs = Math.min(MAX_RESEND_MS, resendMs * 2);
            nextResendMs = nowMs + resendMs;
            return broadcast();
        }
        return List.of();
    }

    /** The notification this server sends now (also what a settled server answers a looking one with). */
    public Notification myNotification() {
        PeerState state = outcome == null ? PeerState.LOOKING : outcome.state();
        return new Notification(myId, state, proposal, round);
    }

    private boolean better(Vote candidate, Vote current) {
        if (!quorum.isVoter(candidate.leaderId())) {
            return false;
        }
        if (!quorum.isVoter(current.leaderId())) {
            return true;
        }
        return strategy.supersedes(candidate, current);
    }

    private void recordOwnVote() {
        if (quorum.isVoter(myId)) {
            roundVotes.put(myId, new Notification(myId, PeerState.LOOKING, proposal, round));
        }
    }

    private boolean agreeingQuorum(Map<Long, Notification> votes, Vote vote) {
        if (!quorum.isVoter(vote.leaderId())) {
            return false;
        }
        List<Long> agreeing = new ArrayList<>();
        votes.forEach((id, n) -> {
            if (n.vote().leaderId() == vote.leaderId() && n.vote().zxid() == vote.zxid()
                    && n.vote().peerEpoch() == vote.peerEpoch()) {
                agreeing.add(id);
            }
        });
        return quorum.isQuorum(agreeing);
    }

    /** A leader other than this server must itself be heard saying LEADING before we follow it. */
    private boolean leaderConfirmed(Map<Long, Notification> votes, long leaderId) {
        if (leaderId == myId) {
            return true;
        }
        Notification fromLeader = votes.get(leaderId);
        return fromLeader != null && fromLeader.state() == PeerState.LEADING;
    }

    private void settle(Vote vote, long inRound) {
        proposal = vote;
        PeerState state;
        if (vote.leaderId() == myId) {
            state = PeerState.LEADING;
        } else {
            state = quorum.isVoter(myId) ? PeerState.FOLLOWING : PeerState.OBSERVING;
        }
        outcome = new Outcome(vote.leaderId(), vote, inRound, state);
        decideAtMs = -1;
    }

    private List<Outbound> broadcast() {
        Notification n = myNotification();
        List<Outbound> out = new ArrayList<>(members.size());
        for (long m : members) {
            if (m != myId) {
                out.add(new Outbound(m, n));
            }
        }
        return out;
    }
}

package io.corral.server.zab.election;

import io.corral.api.election.Vote;

/**
 * One election message: the sender's state, its current vote and its election round. A server that is not
 * looking answers a looking one with the vote it settled on, which is how a joining server learns the leader.
 */
public record Notification(long from, PeerState state, Vote vote, long round) {
}

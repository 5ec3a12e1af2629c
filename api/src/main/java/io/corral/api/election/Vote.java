package io.corral.api.election;

/**
 * A server's vote: whom it proposes as leader, and how up to date that candidate is (the epoch and the last
 * zxid it has logged). Electing the most up-to-date candidate is what keeps every committed write: ZAB needs a
 * leader that holds everything a quorum acknowledged.
 */
public record Vote(long leaderId, long zxid, long peerEpoch) {
}

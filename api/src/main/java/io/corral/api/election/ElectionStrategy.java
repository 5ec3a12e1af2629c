package io.corral.api.election;

import java.util.Map;

/**
 * How a server orders votes during leader election. The election protocol around it (rounds, notifications,
 * quorums, joining an established ensemble) is the server's; a strategy only decides which of two votes is
 * better. Found through {@link java.util.ServiceLoader}; zoo.cfg's {@code election.strategy} names it.
 *
 * <p>Contract: {@link #supersedes} must be a strict total order over votes that all servers of an ensemble
 * compute alike (same strategy, same settings), and it must never prefer a candidate with an older
 * {@code (peerEpoch, zxid)} over a newer one: a leader that misses committed transactions would lose them.
 * Only ties in {@code (peerEpoch, zxid)} are the strategy's to break.
 */
public interface ElectionStrategy {

    /** The name users write in zoo.cfg, e.g. {@code fast} or {@code preferred}. */
    String name();

    /** Called once with zoo.cfg's settings before the first election. */
    default void configure(Map<String, String> settings) {
    }

    /** True when {@code candidate} should replace {@code current} as this server's vote. */
    boolean supersedes(Vote candidate, Vote current);

    /** The standard order: newer epoch, then newer zxid, then higher server id. */
    static int compareByFreshness(Vote a, Vote b) {
        int c = Long.compare(a.peerEpoch(), b.peerEpoch());
        if (c != 0) {
            return c;
        }
        return Long.compare(a.zxid(), b.zxid());
    }
}

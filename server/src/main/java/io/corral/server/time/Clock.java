package io.corral.server.time;

/**
 * Time as the server sees it, injected everywhere so that tests drive it by hand. Two readings because they
 * serve two purposes: wall time stamps znodes (ctime/mtime, as ZooKeeper does), monotonic time drives
 * timeouts and must never jump back.
 */
public interface Clock {
    /** Milliseconds since the epoch, for ctime, mtime and TTLs. */
    long wallMs();

    /** Milliseconds from an arbitrary origin that never goes backwards, for session expiry. */
    long monotonicMs();
}

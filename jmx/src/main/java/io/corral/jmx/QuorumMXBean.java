package io.corral.jmx;

/**
 * The ensemble bean ({@code org.apache.ZooKeeperService:name0=ReplicatedServer_id<myid>}), with the attribute names
 * of ZooKeeper's QuorumMXBean. Read-only: Corral's limits are fixed at start-up. ZooKeeper's observer election
 * delay and its digest switch have no counterpart in Corral and are left out.
 */
public interface QuorumMXBean {
    /** {@code ReplicatedServer_id<myid>}. */
    String getName();

    /** The voting members. */
    int getQuorumSize();

    int getInitLimit();

    int getSyncLimit();

    /** Corral's quorum links are plain TCP. */
    boolean isSslQuorum();

    boolean isPortUnification();

    /** Corral keeps no tree digests. */
    boolean getDigestEnabled();
}

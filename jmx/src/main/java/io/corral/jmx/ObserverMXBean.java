package io.corral.jmx;

/**
 * An observer's server bean ({@code ...,name1=replica.<myid>,name2=Observer}): every attribute of the server bean
 * plus those of ZooKeeper's ObserverMXBean. The learner master is always the leader (Corral has no observer
 * masters), and read-only.
 */
public interface ObserverMXBean extends ZooKeeperServerMXBean {
    /** Always 0. */
    int getPendingRevalidationCount();

    /** The leader's quorum address, {@code host:port} (ZooKeeper prints its socket). */
    String getQuorumAddress();

    /** The leader's quorum address, {@code host:port}, or {@code Unknown} while there is no leader. */
    String getLearnerMaster();
}

package io.corral.jmx;

/**
 * A follower's server bean ({@code ...,name1=replica.<myid>,name2=Follower}): every attribute of the server bean
 * plus those of ZooKeeper's FollowerMXBean that Corral has. ZooKeeper's observer-master settings are left out.
 */
public interface FollowerMXBean extends ZooKeeperServerMXBean {
    /** The leader's quorum address, {@code host:port} (ZooKeeper prints its socket). */
    String getQuorumAddress();

    /** The last zxid this server applied, {@code 0x...}. */
    String getLastQueuedZxid();

    /** Always 0. */
    int getPendingRevalidationCount();

    long getElectionTimeTaken();
}

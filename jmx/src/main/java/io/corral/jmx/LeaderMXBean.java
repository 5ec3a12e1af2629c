package io.corral.jmx;

/**
 * The leader's server bean ({@code ...,name1=replica.<myid>,name2=Leader}): every attribute of the server bean plus
 * those of ZooKeeper's LeaderMXBean that Corral has. The per-learner text of {@link #followerInfo()} names each
 * follower by id and says whether it is synced (Corral keeps no per-link packet queues to report).
 */
public interface LeaderMXBean extends ZooKeeperServerMXBean {
    /** The last zxid, {@code 0x...}. */
    String getCurrentZxid();

    /** One line per follower: {@code LearnerHandler sid:<id> synced?:<true|false>}. */
    String followerInfo();

    /** Empty: Corral has no non-voting followers. */
    String nonVotingFollowerInfo();

    /** How long the election that made this server leader took, in ms. */
    long getElectionTimeTaken();

    /** Bytes of the latest proposal of this leadership; -1 before the first. */
    int getLastProposalSize();

    int getMinProposalSize();

    int getMaxProposalSize();
}

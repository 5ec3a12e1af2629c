package io.corral.jmx;

/**
 * This member of the ensemble ({@code ...,name1=replica.<myid>}), with the attribute names of ZooKeeper's
 * LocalPeerMXBean. Its role bean (Leader, Follower, Observer, or LeaderElection while it looks for a leader) is
 * registered beneath it. Read-only; ZooKeeper's tick counter is left out (Corral counts no ticks).
 */
public interface LocalPeerMXBean extends RemotePeerMXBean {
    /** When the server started, as {@link java.util.Date#toString()}. */
    String getStartTime();

    int getTickTime();

    int getMaxClientCnxnsPerHost();

    int getMinSessionTimeout();

    int getMaxSessionTimeout();

    int getInitLimit();

    int getSyncLimit();

    /** {@code looking}, {@code leading}, {@code following} or {@code observing}. */
    String getState();

    /** Always 3, ZooKeeper's number for fast leader election (the strategy behind it may be another). */
    int getElectionType();

    /** Always 0: the membership does not change at run time. */
    long getConfigVersion();

    /** The membership as conf prints it: {@code server.N=host:quorumPort:electionPort:participant;client}... */
    String getQuorumSystemInfo();

    boolean isPartOfEnsemble();

    int getMaxCnxns();
}

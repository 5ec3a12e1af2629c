package io.corral.jmx;

/**
 * Another member of the ensemble ({@code ...,name1=replica.<id>}), as its {@code server.N} line describes it, with
 * the attribute names of ZooKeeper's RemotePeerMXBean.
 */
public interface RemotePeerMXBean {
    /** {@code replica.<id>}. */
    String getName();

    /** {@code host:port} where it leads. */
    String getQuorumAddress();

    String getElectionAddress();

    /** Empty when its line names no client address. */
    String getClientAddress();

    /** {@code PARTICIPANT} or {@code OBSERVER}. */
    String getLearnerType();

    /** Whether it is the leader this server follows. */
    boolean isLeader();
}

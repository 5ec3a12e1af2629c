package io.corral.jmx;

/** The bean of a member looking for a leader ({@code ...,name1=replica.<myid>,name2=LeaderElection}). */
public interface LeaderElectionMXBean {
    /** When the election started (as seen within a second), as {@link java.util.Date#toString()}. */
    String getStartTime();
}

package io.corral.jmx;

import java.util.Date;

/** {@link LeaderElectionMXBean}: made when the member is seen looking, as ZooKeeper makes one per election. */
final class LeaderElectionBean implements LeaderElectionMXBean {
    private final Date startTime = new Date();

    @Override
    public String getStartTime() {
        return startTime.toString();
    }
}

package io.corral.jmx;

import io.corral.api.management.EnsembleView;
import io.corral.api.management.ServerView;
import java.util.Map;

/** {@link FollowerMXBean}: the server bean plus the follower's view of its leader. */
final class FollowerBean extends ZooKeeperServerBean implements FollowerMXBean {
    private final ServerView view;

    FollowerBean(ServerView view, Map<String, String> settings) {
        super(view, settings);
        this.view = view;
    }

    /** The leader's line, or null while there is none. */
    private EnsembleView.Member leader() {
        EnsembleView e = view.ensemble();
        return e == null || e.leaderId() < 0 ? null : e.member(e.leaderId());
    }

    @Override
    public String getQuorumAddress() {
        EnsembleView.Member l = leader();
        return l == null ? "" : l.quorumAddress();
    }

    @Override
    public String getLastQueuedZxid() {
        return "0x" + Long.toHexString(gauge("last_processed_zxid", 0));
    }

    @Override
    public int getPendingRevalidationCount() {
        return 0;
    }

    @Override
    public long getElectionTimeTaken() {
        EnsembleView e = view.ensemble();
        return e == null ? 0 : e.electionTimeMs();
    }
}

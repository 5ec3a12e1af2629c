package io.corral.jmx;

import io.corral.api.management.EnsembleView;
import io.corral.api.management.ServerView;
import java.util.Map;

/** {@link ObserverMXBean}: the server bean plus the observer's view of its leader, its only learner master. */
final class ObserverBean extends ZooKeeperServerBean implements ObserverMXBean {
    private final ServerView view;

    ObserverBean(ServerView view, Map<String, String> settings) {
        super(view, settings);
        this.view = view;
    }

    private EnsembleView.Member leader() {
        EnsembleView e = view.ensemble();
        return e == null || e.leaderId() < 0 ? null : e.member(e.leaderId());
    }

    @Override
    public int getPendingRevalidationCount() {
        return 0;
    }

    @Override
    public String getQuorumAddress() {
        EnsembleView.Member l = leader();
        return l == null ? "" : l.quorumAddress();
    }

    @Override
    public String getLearnerMaster() {
        EnsembleView.Member l = leader();
        return l == null ? "Unknown" : l.quorumAddress();
    }
}

package io.corral.jmx;

import io.corral.api.management.EnsembleView;
import io.corral.api.management.ServerView;
import java.util.Map;

/** {@link LeaderMXBean}: the server bean plus the leader's figures from the ensemble view and the leader gauges. */
final class LeaderBean extends ZooKeeperServerBean implements LeaderMXBean {
    private final ServerView view;

    LeaderBean(ServerView view, Map<String, String> settings) {
        super(view, settings);
        this.view = view;
    }

    @Override
    public String getCurrentZxid() {
        return "0x" + Long.toHexString(gauge("last_processed_zxid", 0));
    }

    @Override
    public String followerInfo() {
        EnsembleView e = view.ensemble();
        StringBuilder b = new StringBuilder();
        if (e != null) {
            for (EnsembleView.Learner l : e.learners()) {
                if (!l.observer()) {
                    b.append("LearnerHandler sid:").append(l.id()).append(" synced?:").append(l.synced()).append('\n');
                }
            }
        }
        return b.toString();
    }

    @Override
    public String nonVotingFollowerInfo() {
        return "";
    }

    @Override
    public long getElectionTimeTaken() {
        EnsembleView e = view.ensemble();
        return e == null ? 0 : e.electionTimeMs();
    }

    @Override
    public int getLastProposalSize() {
        return (int) gauge("last_proposal_size", -1);
    }

    @Override
    public int getMinProposalSize() {
        return (int) gauge("min_proposal_size", -1);
    }

    @Override
    public int getMaxProposalSize() {
        return (int) gauge("max_proposal_size", -1);
    }
}

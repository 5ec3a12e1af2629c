package io.corral.jmx;

import io.corral.api.management.EnsembleView;
import io.corral.api.management.ServerView;

/** {@link RemotePeerMXBean} over the server's ensemble view; the line is read anew on every call. */
class RemotePeerBean implements RemotePeerMXBean {
    final ServerView view;
    final long id;

    RemotePeerBean(ServerView view, long id) {
        this.view = view;
        this.id = id;
    }

    /** {@code replica.<id>}: ZooKeeper's name for a member's bean. */
    static String name(long id) {
        return "replica." + id;
    }

    final EnsembleView.Member member() {
        EnsembleView e = view.ensemble();
        EnsembleView.Member m = e == null ? null : e.member(id);
        if (m == null) {
            throw new IllegalStateException("server " + id + " is not in this server's ensemble");
        }
        return m;
    }

    @Override
    public String getName() {
        return name(id);
    }

    @Override
    public String getQuorumAddress() {
        return member().quorumAddress();
    }

    @Override
    public String getElectionAddress() {
        return member().electionAddress();
    }

    @Override
    public String getClientAddress() {
        return member().clientAddress();
    }

    @Override
    public String getLearnerType() {
        return member().observer() ? "OBSERVER" : "PARTICIPANT";
    }

    @Override
    public boolean isLeader() {
        EnsembleView e = view.ensemble();
        return e != null && e.leaderId() == id;
    }
}

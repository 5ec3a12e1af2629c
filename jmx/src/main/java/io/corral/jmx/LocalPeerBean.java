package io.corral.jmx;

import io.corral.api.management.EnsembleView;
import io.corral.api.management.ServerView;
import java.util.Date;
import java.util.Map;

/** {@link LocalPeerMXBean}: this member's line and state from the ensemble view, its settings as the server bean's. */
final class LocalPeerBean extends RemotePeerBean implements LocalPeerMXBean {
    private final ZooKeeperServerBean server;

    LocalPeerBean(ServerView view, Map<String, String> settings, long myId) {
        super(view, myId);
        this.server = new ZooKeeperServerBean(view, settings);
    }

    @Override
    public String getStartTime() {
        return new Date(view.startTimeMs()).toString();
    }

    @Override
    public int getTickTime() {
        return server.getTickTime();
    }

    @Override
    public int getMaxClientCnxnsPerHost() {
        return server.getMaxClientCnxnsPerHost();
    }

    @Override
    public int getMinSessionTimeout() {
        return server.getMinSessionTimeout();
    }

    @Override
    public int getMaxSessionTimeout() {
        return server.getMaxSessionTimeout();
    }

    @Override
    public int getInitLimit() {
        return server.setting("initLimit", -1);
    }

    @Override
    public int getSyncLimit() {
        return server.setting("syncLimit", -1);
    }

    @Override
    public String getState() {
        EnsembleView e = view.ensemble();
        return e == null ? EnsembleView.LOOKING : e.role();
    }

    @Override
    public int getElectionType() {
        return 3;
    }

    @Override
    public long getConfigVersion() {
        return 0;
    }

    @Override
    public String getQuorumSystemInfo() {
        EnsembleView e = view.ensemble();
        return e == null ? "" : membership(e);
    }

    /** ZooKeeper's text of a quorum configuration: one {@code server.N=...} line per member, then the version. */
    static String membership(EnsembleView e) {
        StringBuilder b = new StringBuilder();
        for (EnsembleView.Member m : e.members()) {
            String electionAddress = m.electionAddress();
            b.append("server.").append(m.id()).append('=').append(m.quorumAddress())
                    .append(electionAddress.substring(electionAddress.lastIndexOf(':')))
                    .append(m.observer() ? ":observer" : ":participant");
            if (!m.clientAddress().isEmpty()) {
                b.append(';').append(m.clientAddress());
            }
            b.append('\n');
        }
        return b.append("version=0").toString();
    }

    @Override
    public boolean isPartOfEnsemble() {
        EnsembleView e = view.ensemble();
        return e != null && e.self() != null;
    }

    @Override
    public int getMaxCnxns() {
        return server.getMaxCnxns();
    }
}

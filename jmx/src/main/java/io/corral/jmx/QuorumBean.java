package io.corral.jmx;

import io.corral.api.management.EnsembleView;
import io.corral.api.management.ServerView;
import java.util.Map;

/** {@link QuorumMXBean} over the ensemble view and zoo.cfg's limits. */
final class QuorumBean implements QuorumMXBean {
    private final ServerView view;
    private final Map<String, String> settings;
    private final String name;

    QuorumBean(ServerView view, Map<String, String> settings, long myId) {
        this.view = view;
        this.settings = settings;
        this.name = name(myId);
    }

    /** ZooKeeper's name for an ensemble member's top bean. */
    static String name(long myId) {
        return "ReplicatedServer_id" + myId;
    }

    private int limit(String key) {
        try {
            return Integer.parseInt(settings.getOrDefault(key, "-1").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getQuorumSize() {
        EnsembleView e = view.ensemble();
        return e == null ? 0 : e.voters().size();
    }

    @Override
    public int getInitLimit() {
        return limit("initLimit");
    }

    @Override
    public int getSyncLimit() {
        return limit("syncLimit");
    }

    @Override
    public boolean isSslQuorum() {
        return false;
    }

    @Override
    public boolean isPortUnification() {
        return false;
    }

    @Override
    public boolean getDigestEnabled() {
        return false;
    }
}

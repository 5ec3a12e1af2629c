package io.corral.server.zab.election;

import io.corral.api.election.ElectionStrategy;
import io.corral.api.election.Vote;
import java.util.Map;

/**
 * {@code election.strategy=preferred} with {@code election.preferredLeader=<id>}: among the most up-to-date
 * candidates, the preferred server wins; otherwise the order is the default one. Keeps the leader on one
 * machine (near the clients, on the biggest box) without ever electing a server that lacks committed writes.
 */
public final class PreferredLeaderStrategy implements ElectionStrategy {
    static final String PREFERRED_KEY = "election.preferredLeader";
    private long preferred = -1;

    @Override
    public String name() {
        return "preferred";
    }

    @Override
    public void configure(Map<String, String> settings) {
        String v = settings.get(PREFERRED_KEY);
        if (v == null) {
            throw new IllegalArgumentException("election.strategy=preferred needs " + PREFERRED_KEY + "=<server id>");
        }
        try {
            preferred = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + v + "' for " + PREFERRED_KEY + ": expected a server id");
        }
    }

    public long preferred() {
        return preferred;
    }

    @Override
    public boolean supersedes(Vote candidate, Vote current) {
        int c = ElectionStrategy.compareByFreshness(candidate, current);
        if (c != 0) {
            return c > 0;
        }
        if (candidate.leaderId() == current.leaderId()) {
            return false;
        }
        if (candidate.leaderId() == preferred) {
            return true;
        }
        if (current.leaderId() == preferred) {
            return false;
        }
        return candidate.leaderId() > current.leaderId();
    }
}

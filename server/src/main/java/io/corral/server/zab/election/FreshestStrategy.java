package io.corral.server.zab.election;

import io.corral.api.election.ElectionStrategy;
import io.corral.api.election.Vote;

/** The default order (fast leader election's): newer epoch, then newer zxid, then the higher server id. */
public final class FreshestStrategy implements ElectionStrategy {
    @Override
    public String name() {
        return "fast";
    }

    @Override
    public boolean supersedes(Vote candidate, Vote current) {
        int c = ElectionStrategy.compareByFreshness(candidate, current);
        return c > 0 || (c == 0 && candidate.leaderId() > current.leaderId());
    }
}

package io.corral.server.zab.quorum;

import java.util.Collection;
import java.util.Set;

/**
 * Majority quorums over the voting members: a set of server ids is a quorum when it holds more than half of
 * them. Observers are not voting members and never count. Pure.
 */
public final class QuorumVerifier {
    private final Set<Long> voters;

    public QuorumVerifier(Set<Long> voters) {
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one voting member");
        }
        this.voters = Set.copyOf(voters);
    }

    public boolean isVoter(long id) {
        return voters.contains(id);
    }

    public Set<Long> voters() {
        return voters;
    }

    /** True when the voting members among {@code ids} are more than half of all voting members. */
    public boolean isQuorum(Collection<Long> ids) {
        long n = ids.stream().distinct().filter(voters::contains).count();
        return n * 2 > voters.size();
    }
}

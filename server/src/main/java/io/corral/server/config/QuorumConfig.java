package io.corral.server.config;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ensemble as zoo.cfg describes it: every {@code server.N} line, this server's id (from {@code myid}) and
 * the replication timeouts in ticks.
 */
public record QuorumConfig(
        long myId,
        Map<Long, Member> members,
        int initLimitTicks,
        int syncLimitTicks,
        String electionStrategy,
        Map<String, String> electionSettings) {

    public QuorumConfig {
        members = java.util.Collections.unmodifiableMap(new TreeMap<>(members));
        electionSettings = Map.copyOf(electionSettings);
    }

    /** One {@code server.N} line. {@code clientAddress} is null when the line names no client port. */
    public record Member(long id, InetSocketAddress quorumAddress, InetSocketAddress electionAddress,
                         boolean observer, InetSocketAddress clientAddress) {
    }

    public Member self() {
        return members.get(myId);
    }

    public long votingMemberCount() {
        return members.values().stream().filter(m -> !m.observer()).count();
    }
}

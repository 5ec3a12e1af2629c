package io.corral.server;

import io.corral.api.management.EnsembleView;
import io.corral.server.config.QuorumConfig;
import io.corral.server.config.ServerConfig;
import io.corral.server.monitor.HostPort;
import io.corral.server.monitor.ServerMetrics;
import io.corral.server.time.Clock;
import io.corral.server.zab.ZabRole;
import io.corral.server.zab.role.Leading;
import io.corral.server.zab.runtime.ZabRuntime;
import io.corral.server.zab.runtime.ZabStatus;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Wiring only: an ensemble member as monitoring sees it. The members come from zoo.cfg, the rest from the ZAB
 * runtime's published status; mntr's ensemble gauges are registered under ZooKeeper's names.
 */
final class EnsembleMonitoring {
    private EnsembleMonitoring() {
    }

    /**
     * The view the monitoring commands and management extensions read.
     *
     * @param clientPort the bound client port, for this member's client address when its server line names none
     *                   (ZooKeeper then shows the clientPort / clientPortAddress of zoo.cfg)
     */
    static Supplier<EnsembleView> view(ServerConfig config, ZabRuntime runtime, IntSupplier clientPort) {
        QuorumConfig q = config.quorum();
        return () -> {
            ZabStatus s = runtime.status();
            List<EnsembleView.Member> members = new ArrayList<>(q.members().size());
            for (QuorumConfig.Member m : q.members().values()) {
                String client = HostPort.of(m.clientAddress());
                if (client.isEmpty() && m.id() == q.myId()) {
                    String host = config.clientPortAddress() == null ? "0.0.0.0" : config.clientPortAddress();
                    client = HostPort.of(InetSocketAddress.createUnresolved(host, clientPort.getAsInt()));
                }
                members.add(new EnsembleView.Member(m.id(), HostPort.of(m.quorumAddress()),
                        HostPort.of(m.electionAddress()), client, m.observer()));
            }
            List<EnsembleView.Learner> learners = new ArrayList<>(s.learners().size());
            for (Leading.LearnerStatus l : s.learners()) {
                learners.add(new EnsembleView.Learner(l.id(), l.observer(), l.synced()));
            }
            return new EnsembleView(q.myId(), s.leaderId(), s.peerState(), s.electionTimeMs(), members, learners);
        };
    }

    /**
     * ZooKeeper's ensemble gauges: {@code quorum_size} on every member, the rest on the leader only (absent from
     * mntr, JMX and /metrics elsewhere, as ZooKeeper's gauges answer null there). Corral answers sync requests at
     * once and has no non-voting followers, so {@code pending_syncs} and {@code synced_non_voting_followers} are 0;
     * {@code synced_observers} is absent on a follower because followers serve no observers (no observer masters).
     */
    static void registerGauges(ServerMetrics m, QuorumConfig q, ZabRuntime runtime, Clock clock) {
        int voters = (int) q.votingMemberCount();
        m.gauge("quorum_size", () -> voters);
        m.gauge("learners", onLeader(runtime, s -> s.learners().size()));
        m.gauge("synced_followers", onLeader(runtime, s -> synced(s, false)));
        m.gauge("synced_non_voting_followers", onLeader(runtime, s -> 0));
        m.gauge("synced_observers", onLeader(runtime, s -> synced(s, true)));
        m.gauge("pending_syncs", onLeader(runtime, s -> 0));
        m.gauge("leader_uptime", onLeader(runtime, s -> clock.monotonicMs() - s.leadingSinceMs()));
        m.gauge("last_proposal_size", onLeader(runtime, s -> (int) s.lastProposalSize()));
        m.gauge("min_proposal_size", onLeader(runtime, s -> (int) s.minProposalSize()));
        m.gauge("max_proposal_size", onLeader(runtime, s -> (int) s.maxProposalSize()));
    }

    private static <T extends Number> Supplier<T> onLeader(ZabRuntime runtime, Function<ZabStatus, T> value) {
        return () -> {
            ZabStatus s = runtime.status();
            return s.role() == ZabRole.LEADING ? value.apply(s) : null;
        };
    }

    private static int synced(ZabStatus s, boolean observers) {
        int n = 0;
        for (Leading.LearnerStatus l : s.learners()) {
            if (l.synced() && l.observer() == observers) {
                n++;
            }
        }
        return n;
    }
}

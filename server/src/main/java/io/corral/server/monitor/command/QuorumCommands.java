package io.corral.server.monitor.command;

import io.corral.api.management.EnsembleView;
import io.corral.server.monitor.Command;
import io.corral.server.monitor.MonitorContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands about the ensemble: leader, voting_view, observers, observer_connection_stat_reset and zabstate,
 * with ZooKeeper 3.9's keys, from the {@link EnsembleView} of the context. A standalone server (no view) answers
 * them as ZooKeeper's standalone server does. None has a four-letter word, as in ZooKeeper.
 *
 * <p>The answers are built by static functions of the view, so that they can be checked against any view.
 */
final class QuorumCommands {
    private QuorumCommands() {
    }

    /** leader (lead). Needs a serving server, as in ZooKeeper: a member without a leader says it is not serving. */
    static final class Leader extends Command {
        Leader() {
            super("leader", null, "lead");
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            return leader(ctx.ensemble());
        }
    }

    static Map<String, Object> leader(EnsembleView e) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (e == null) {
            data.put("error", "server is not initialized");
            return data;
        }
        EnsembleView.Member leader = e.leaderId() < 0 ? null : e.member(e.leaderId());
        data.put("is_leader", e.leading());
        data.put("leader_id", e.leaderId());
        // ZooKeeper gives the host of the leader's quorum address, without the port.
        data.put("leader_ip", leader == null ? "" : host(leader.quorumAddress()));
        return data;
    }

    /** voting_view: the voting members, by id; none on a standalone server. */
    static final class VotingView extends Command {
        VotingView() {
            super("voting_view", null);
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            return votingView(ctx.ensemble());
        }
    }

    static Map<String, Object> votingView(EnsembleView e) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (e != null) {
            for (EnsembleView.Member m : e.voters()) {
                Map<String, Object> server = new LinkedHashMap<>();
                server.put("server_addresses", List.of(m.quorumAddress()));
                server.put("election_addresses", List.of(m.electionAddress()));
                server.put("client_address", m.clientAddress());
                server.put("learner_type", "participant");
                view.put(Long.toString(m.id()), server);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("current_config", view);
        return data;
    }

    /**
     * observers (obsr): on the leader, the synced observers. ZooKeeper adds per-connection figures (socket address,
     * queued packets, packet counts) that Corral's learner links do not keep; each observer is given by its
     * {@code sid}. Followers serve no observers (Corral has no observer masters): 0 and an empty list.
     */
    static final class Observers extends Command {
        Observers() {
            super("observers", null, "obsr");
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            return observers(ctx.ensemble());
        }
    }

    static Map<String, Object> observers(EnsembleView e) {
        List<Object> synced = new ArrayList<>();
        if (e != null && e.leading()) {
            for (EnsembleView.Learner l : e.learners()) {
                if (l.observer() && l.synced()) {
                    Map<String, Object> info = new LinkedHashMap<>();
                    info.put("sid", l.id());
                    synced.add(info);
                }
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("synced_observers", synced.size());
        data.put("observers", synced);
        return data;
    }

    /** observer_connection_stat_reset (orst): Corral keeps no per-observer connection statistics to reset. */
    static final class ObserverStatReset extends Command {
        ObserverStatReset() {
            super("observer_connection_stat_reset", null, "orst");
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            return Map.of();
        }
    }

    /** zabstate: answers without a serving server, as in ZooKeeper. */
    static final class ZabState extends Command {
        ZabState() {
            super("zabstate", null);
        }

        @Override
        public boolean needsServing() {
            return false;
        }

        @Override
        public Map<String, Object> run(MonitorContext ctx, Map<String, String> params) {
            return zabState(ctx.ensemble(), ctx.lastZxid());
        }
    }

    /**
     * ZooKeeper's zabstate: not voting and no state on a standalone server or a member looking for a leader (there
     * is no ZooKeeper server object to ask then); otherwise who this member is, whether it votes, the ZAB phase and
     * the last zxid it applied. The two addresses are objects with the properties ZooKeeper's JSON writer finds on
     * its address list (see {@link #addressList}).
     */
    static Map<String, Object> zabState(EnsembleView e, long lastZxid) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (e == null || EnsembleView.LOOKING.equals(e.role()) || e.self() == null) {
            data.put("voting", false);
            data.put("zabstate", "");
            return data;
        }
        EnsembleView.Member self = e.self();
        data.put("myid", e.myId());
        data.put("is_leader", e.leading());
        data.put("quorum_address", addressList(self.quorumAddress()));
        data.put("election_address", addressList(self.electionAddress()));
        data.put("client_address", self.clientAddress());
        data.put("voting", !self.observer());
        data.put("last_zxid", "0x" + Long.toHexString(lastZxid));
        data.put("zab_epoch", lastZxid >>> 32);
        data.put("zab_counter", lastZxid & 0xffffffffL);
        data.put("zabstate", e.zabState());
        return data;
    }

    /**
     * One address as ZooKeeper 3.9's zabstate writes it: its JSON writer serialises the server's address list
     * (MultipleAddresses) through every getter, so that is the shape clients see. Corral has one address per
     * member and does not probe reachability: the reachable address is the address.
     */
    static Map<String, Object> addressList(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("empty", false);
        a.put("all_addresses", List.of(hostPort));
        a.put("wildcard_addresses", List.of("0.0.0.0:" + port));
        a.put("all_ports", List.of(port));
        a.put("all_host_strings", List.of(host(hostPort)));
        a.put("reachable_address", hostPort);
        a.put("all_reachable_addresses", List.of(hostPort));
        a.put("all_reachable_addresses_or_all", List.of(hostPort));
        a.put("reachable_or_one", hostPort);
        a.put("one", hostPort);
        return a;
    }

    /** The host of {@code host:port} (brackets of an IPv6 host removed, as Java's host strings have none). */
    static String host(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}

package io.corral.server.monitor.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corral.api.management.EnsembleView;
import io.corral.api.management.EnsembleView.Learner;
import io.corral.api.management.EnsembleView.Member;
import io.corral.server.config.QuorumConfig;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ensemble commands over fixed views. The expected answers are what Apache ZooKeeper 3.9.3 gave for the same
 * ensemble (three voters and an observer on 127.0.0.1, server 3 leading), captured from the reference server.
 */
class QuorumCommandsTest {
    private static final List<Member> MEMBERS = List.of(
            new Member(1, "127.0.0.1:36065", "127.0.0.1:49717", "127.0.0.1:43173", false),
            new Member(2, "127.0.0.1:60509", "127.0.0.1:34193", "127.0.0.1:51741", false),
            new Member(3, "127.0.0.1:35179", "127.0.0.1:49541", "127.0.0.1:53361", false),
            new Member(4, "127.0.0.1:51303", "127.0.0.1:37903", "127.0.0.1:58667", true));

    private static EnsembleView leader() {
        return new EnsembleView(3, 3, "leading - broadcast", 295, MEMBERS,
                List.of(new Learner(1, false, true), new Learner(2, false, true), new Learner(4, true, true)));
    }

    private static EnsembleView follower() {
        return new EnsembleView(1, 3, "following - broadcast", 249, MEMBERS, List.of());
    }

    private static EnsembleView observer() {
        return new EnsembleView(4, 3, "observing - broadcast", 250, MEMBERS, List.of());
    }

    private static EnsembleView looking() {
        return new EnsembleView(1, -1, "looking", 249, MEMBERS, List.of());
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void leaderNamesTheLeaderAndItsHost() {
        assertEquals(map("is_leader", true, "leader_id", 3L, "leader_ip", "127.0.0.1"),
                QuorumCommands.leader(leader()));
        assertEquals(map("is_leader", false, "leader_id", 3L, "leader_ip", "127.0.0.1"),
                QuorumCommands.leader(follower()));
        assertEquals(map("is_leader", false, "leader_id", -1L, "leader_ip", ""), QuorumCommands.leader(looking()));
        assertEquals(map("error", "server is not initialized"), QuorumCommands.leader(null));
    }

    @Test
    void votingViewListsTheParticipantsWithTheirAddressLists() {
        Map<String, Object> expected = new LinkedHashMap<>();
        for (Member m : MEMBERS.subList(0, 3)) {
            expected.put(Long.toString(m.id()), map("server_addresses", List.of(m.quorumAddress()),
                    "election_addresses", List.of(m.electionAddress()), "client_address", m.clientAddress(),
                    "learner_type", "participant"));
        }
        Map<String, Object> answer = QuorumCommands.votingView(follower());
        assertEquals(map("current_config", expected), answer);
        assertEquals(List.of("1", "2", "3"), List.copyOf(((Map<?, ?>) answer.get("current_config")).keySet()));
        assertEquals(map("current_config", Map.of()), QuorumCommands.votingView(null));
    }

    @Test
    void observersAreTheLeadersSyncedObservers() {
        assertEquals(map("synced_observers", 1, "observers", List.of(map("sid", 4L))),
                QuorumCommands.observers(leader()));
        EnsembleView syncing = new EnsembleView(3, 3, "leading - broadcast", 0, MEMBERS,
                List.of(new Learner(1, false, true), new Learner(4, true, false)));
        assertEquals(map("synced_observers", 0, "observers", List.of()), QuorumCommands.observers(syncing));
        assertEquals(map("synced_observers", 0, "observers", List.of()), QuorumCommands.observers(follower()));
        assertEquals(map("synced_observers", 0, "observers", List.of()), QuorumCommands.observers(null));
    }

    @Test
    void zabStateOfALeaderAndAnObserver() {
        Map<String, Object> quorumAddress = map("empty", false, "all_addresses", List.of("127.0.0.1:35179"),
                "wildcard_addresses", List.of("0.0.0.0:35179"), "all_ports", List.of(35179),
                "all_host_strings", List.of("127.0.0.1"), "reachable_address", "127.0.0.1:35179",
                "all_reachable_addresses", List.of("127.0.0.1:35179"),
                "all_reachable_addresses_or_all", List.of("127.0.0.1:35179"), "reachable_or_one", "127.0.0.1:35179",
                "one", "127.0.0.1:35179");
        Map<String, Object> leader = QuorumCommands.zabState(leader(), 0x100000000L);
        assertEquals(List.of("myid", "is_leader", "quorum_address", "election_address", "client_address", "voting",
                "last_zxid", "zab_epoch", "zab_counter", "zabstate"), List.copyOf(leader.keySet()));
        assertEquals(3L, leader.get("myid"));
        assertEquals(true, leader.get("is_leader"));
        assertEquals(quorumAddress, leader.get("quorum_address"));
        assertEquals("127.0.0.1:53361", leader.get("client_address"));
        assertEquals(true, leader.get("voting"));
        assertEquals("0x100000000", leader.get("last_zxid"));
        assertEquals(1L, leader.get("zab_epoch"));
        assertEquals(0L, leader.get("zab_counter"));
        assertEquals("broadcast", leader.get("zabstate"));

        Map<String, Object> observer = QuorumCommands.zabState(observer(), 0x200000007L);
        assertEquals(false, observer.get("voting"));
        assertEquals(false, observer.get("is_leader"));
        assertEquals(List.of("127.0.0.1:37903"), QuorumCommands.addressList("127.0.0.1:37903").get("all_addresses"));
        assertEquals(7L, observer.get("zab_counter"));
        assertEquals(2L, observer.get("zab_epoch"));
    }

    @Test
    void zabStateIsEmptyWithoutALeaderOrAnEnsemble() {
        assertEquals(map("voting", false, "zabstate", ""), QuorumCommands.zabState(looking(), 5));
        assertEquals(map("voting", false, "zabstate", ""), QuorumCommands.zabState(null, 5));
        EnsembleView syncing = new EnsembleView(1, 3, "following - synchronization", 0, MEMBERS, List.of());
        assertEquals("synchronization", QuorumCommands.zabState(syncing, 0).get("zabstate"));
    }

    @Test
    void anIpv6HostLosesItsBrackets() {
        assertEquals("::1", QuorumCommands.host("[::1]:2888"));
        assertEquals(List.of("::1"), QuorumCommands.addressList("[::1]:2888").get("all_host_strings"));
        assertEquals(List.of(2888), QuorumCommands.addressList("[::1]:2888").get("all_ports"));
    }

    @Test
    void mntrAddsThePeerStateAndAnObserversMaster() {
        assertEquals(map("peer_state", "leading - broadcast"), MonitorCommand.ensembleValues(leader()));
        assertEquals(map("peer_state", "following - broadcast"), MonitorCommand.ensembleValues(follower()));
        assertEquals(map("peer_state", "observing - broadcast", "observer_master_id", 3L),
                MonitorCommand.ensembleValues(observer()));
        assertEquals(map("peer_state", "looking"), MonitorCommand.ensembleValues(looking()));
        assertEquals(Map.of(), MonitorCommand.ensembleValues(null));
    }

    @Test
    void confListsTheQuorumSettingsAndTheMembership() {
        Map<Long, QuorumConfig.Member> members = new LinkedHashMap<>();
        for (Member m : MEMBERS) {
            members.put(m.id(), new QuorumConfig.Member(m.id(), address(m.quorumAddress()),
                    address(m.electionAddress()), m.observer(), address(m.clientAddress())));
        }
        StringBuilder b = new StringBuilder();
        ConfigurationCommand.quorum(b, new QuorumConfig(4, members, 10, 5, "fast", Map.of()));
        assertEquals("initLimit=10\nsyncLimit=5\nelectionAlg=3\nelectionPort=37903\nquorumPort=51303\npeerType=1\n"
                + "membership: \n"
                + "server.1=127.0.0.1:36065:49717:participant;127.0.0.1:43173\n"
                + "server.2=127.0.0.1:60509:34193:participant;127.0.0.1:51741\n"
                + "server.3=127.0.0.1:35179:49541:participant;127.0.0.1:53361\n"
                + "server.4=127.0.0.1:51303:37903:observer;127.0.0.1:58667\n"
                + "version=0", b.toString());
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}

package io.corral.it.ensemble;

import io.corral.testsupport.MiniJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.sun.tools.attach.VirtualMachine;

import io.corral.it.support.Target;
import io.corral.it.support.Zk;

/**
 * The management views of a three-server ensemble: mntr's ensemble keys and conf's quorum lines on the leader and a
 * follower, the leader / voting_view / observers / zabstate admin commands, and the replicated JMX hierarchy, read
 * through each server's own JMX agent (attached by pid, so no JMX port is needed), which follows the role when the
 * leader dies.
 *
 * <p>Everything but the admin commands passes against the reference ZooKeeper 3.9.3 too: the keys, texts and
 * object names are ZooKeeper's. The reference's admin server (Jetty 9) cannot run beside the Jetty 12 jars on this
 * class path, so the admin commands are checked on Corral only; their JSON was compared with the reference's by
 * hand and is pinned in the server's QuorumCommandsTest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnsembleManagementTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DOMAIN = "org.apache.ZooKeeperService";

    private static Ensemble ensemble;
    private static int leader;
    private static int follower;

    @BeforeAll
    static void startEnsemble() throws Exception {
        ensemble = Ensemble.builder(EnsembleManagementTest.class).adminServer().start();
        leader = ensemble.awaitLeader(Duration.ofSeconds(60));
        follower = ensemble.voterIds().stream().filter(id -> id != leader).findFirst().orElseThrow();
        ZooKeeper zk = Zk.connect(ensemble.connectString(leader));
        try {
            zk.create("/management", new byte[100], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } finally {
            zk.close();
        }
    }

    @AfterAll
    static void stopEnsemble() {
        if (ensemble != null) {
            ensemble.close();
        }
    }

    private static boolean corral() {
        return Target.current() == Target.CORRAL;
    }

    private static Map<String, String> mntr(int id) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : ensemble.fourLetter(id, "mntr").split("\n")) {
            String[] kv = line.split("\t", 2);
            assertEquals(2, kv.length, "mntr line '" + line + "'");
            values.put(kv[0], kv[1]);
        }
        return values;
    }

    @Test
    @Order(1)
    void mntrHasZooKeepersEnsembleKeys() throws Exception {
        // The leader counts a learner as synced a moment after the learner starts to serve.
        await("the leader's mntr counts two synced followers").atMost(WAIT)
                .until(() -> "2".equals(mntr(leader).get("zk_synced_followers")));
        Map<String, String> lead = mntr(leader);
        assertEquals(List.of("zk_version", "zk_server_state", "zk_peer_state"),
                new ArrayList<>(lead.keySet()).subList(0, 3));
        assertEquals("leader", lead.get("zk_server_state"));
        assertEquals("leading - broadcast", lead.get("zk_peer_state"));
        assertEquals("2", lead.get("zk_learners"));
        assertEquals("0", lead.get("zk_synced_non_voting_followers"));
        assertEquals("0", lead.get("zk_synced_observers"));
        assertEquals("0", lead.get("zk_pending_syncs"));
        assertEquals("3", lead.get("zk_quorum_size"));
        assertTrue(Long.parseLong(lead.get("zk_leader_uptime")) > 0, lead::toString);
        assertTrue(Long.parseLong(lead.get("zk_max_proposal_size")) > 100, "the create carried 100 bytes: " + lead);
        assertTrue(Long.parseLong(lead.get("zk_min_proposal_size")) > 0, lead::toString);
        assertTrue(Long.parseLong(lead.get("zk_last_proposal_size")) > 0, lead::toString);

        Map<String, String> follow = mntr(follower);
        assertEquals("follower", follow.get("zk_server_state"));
        assertEquals("following - broadcast", follow.get("zk_peer_state"));
        assertEquals("3", follow.get("zk_quorum_size"));
        for (String leaderOnly : List.of("zk_learners", "zk_synced_followers", "zk_synced_non_voting_followers",
                "zk_synced_observers", "zk_pending_syncs", "zk_leader_uptime", "zk_last_proposal_size")) {
            assertFalse(follow.containsKey(leaderOnly), leaderOnly + " on a follower: " + follow);
        }
    }

    @Test
    @Order(2)
    void confAddsTheQuorumSettingsAndTheMembership() throws Exception {
        String conf = ensemble.fourLetter(follower, "conf");
        String membership = ensemble.config(follower).lines().filter(l -> l.startsWith("server."))
                .map(l -> l.replace(";", ":participant;")).collect(Collectors.joining("\n"));
        String self = ensemble.config(follower).lines().filter(l -> l.startsWith("server." + follower + "="))
                .findFirst().orElseThrow();
        String[] ports = self.substring(self.indexOf('=') + 1, self.indexOf(';')).split(":");
        String quorum = "serverId=" + follower + "\ninitLimit=10\nsyncLimit=5\nelectionAlg=3\nelectionPort=" + ports[2]
                + "\nquorumPort=" + ports[1] + "\npeerType=0\nmembership: \n" + membership + "\nversion=0";
        assertTrue(conf.endsWith(quorum), "conf:\n" + conf + "\nexpected it to end with:\n" + quorum);
    }

    private static Map<String, Object> admin(int id, String command) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://" + Ensemble.HOST + ":" + ensemble.adminPort(id) + "/commands/" + command))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), command + ": " + r.body());
        Map<String, Object> body = MiniJson.object(r.body());
        assertEquals(null, body.get("error"), command + ": " + r.body());
        return body;
    }

    @Test
    @Order(3)
    void adminCommandsDescribeTheEnsemble() throws Exception {
        assumeTrue(corral(), "the reference ZooKeeper's Jetty 9 admin server cannot run beside the Jetty 12 jars here");
        Map<String, Object> lead = admin(follower, "leader");
        assertEquals(false, lead.get("is_leader"));
        assertEquals(leader, ((Number) lead.get("leader_id")).intValue());
        assertEquals(Ensemble.HOST, lead.get("leader_ip"));
        assertEquals(true, admin(leader, "lead").get("is_leader"));

        Map<?, ?> voting = (Map<?, ?>) admin(follower, "voting_view").get("current_config");
        assertEquals(List.of("1", "2", "3"), new ArrayList<>(voting.keySet()));
        for (int id : ensemble.voterIds()) {
            Map<?, ?> server = (Map<?, ?>) voting.get(Integer.toString(id));
            assertEquals(Ensemble.HOST + ":" + ensemble.clientPort(id), server.get("client_address"));
            assertEquals("participant", server.get("learner_type"));
            assertEquals(1, ((List<?>) server.get("server_addresses")).size());
            assertEquals(1, ((List<?>) server.get("election_addresses")).size());
        }

        Map<String, Object> observers = admin(leader, "observers");
        assertEquals(0, ((Number) observers.get("synced_observers")).intValue());
        assertEquals(List.of(), observers.get("observers"));

        Map<String, Object> zab = admin(follower, "zabstate");
        assertEquals(follower, ((Number) zab.get("myid")).intValue());
        assertEquals(false, zab.get("is_leader"));
        assertEquals(true, zab.get("voting"));
        assertEquals("broadcast", zab.get("zabstate"));
        assertEquals(Ensemble.HOST + ":" + ensemble.clientPort(follower), zab.get("client_address"));
        assertTrue(((String) zab.get("last_zxid")).startsWith("0x"), zab::toString);
        assertEquals(List.of(Ensemble.HOST), ((Map<?, ?>) zab.get("quorum_address")).get("all_host_strings"));

        Map<String, Object> monitor = admin(leader, "monitor");
        assertEquals("leading - broadcast", monitor.get("peer_state"));
        assertEquals(3, ((Number) monitor.get("quorum_size")).intValue());
    }

    /** A JMX connection to member {@code id}'s own platform MBean server, through its local management agent. */
    private static JMXConnector jmx(int id) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(ensemble.pid(id)));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    private static Set<String> names(MBeanServerConnection c) throws IOException {
        Set<String> names = new TreeSet<>();
        c.queryNames(null, null).forEach(n -> {
            if (n.getDomain().equals(DOMAIN)) {
                names.add(n.toString());
            }
        });
        return names;
    }

    private static String top(int id) {
        return DOMAIN + ":name0=ReplicatedServer_id" + id;
    }

    @Test
    @Order(4)
    void jmxHasZooKeepersReplicatedHierarchy() throws Exception {
        try (JMXConnector connector = jmx(leader)) {
            MBeanServerConnection c = connector.getMBeanServerConnection();
            String top = top(leader);
            String role = top + ",name1=replica." + leader + ",name2=Leader";
            await("the leader's role bean").atMost(WAIT).until(() -> names(c).contains(role));
            Set<String> names = names(c);
            for (int id : ensemble.ids()) {
                assertTrue(names.contains(top + ",name1=replica." + id), names::toString);
            }
            assertTrue(names.contains(top), names::toString);
            assertTrue(names.contains(role + ",name3=InMemoryDataTree"), names::toString);

            ObjectName quorum = new ObjectName(top);
            assertEquals("ReplicatedServer_id" + leader, c.getAttribute(quorum, "Name"));
            assertEquals(3, c.getAttribute(quorum, "QuorumSize"));
            ObjectName local = new ObjectName(top + ",name1=replica." + leader);
            assertEquals("leading", c.getAttribute(local, "State"));
            assertEquals("PARTICIPANT", c.getAttribute(local, "LearnerType"));
            assertEquals(true, c.getAttribute(local, "Leader"));
            assertEquals(Ensemble.HOST + ":" + ensemble.clientPort(leader), c.getAttribute(local, "ClientAddress"));
            ObjectName remote = new ObjectName(top + ",name1=replica." + follower);
            assertEquals(Ensemble.HOST + ":" + ensemble.clientPort(follower), c.getAttribute(remote, "ClientAddress"));
            assertEquals(false, c.getAttribute(remote, "Leader"));

            ObjectName leaderBean = new ObjectName(role);
            assertEquals(Integer.toString(ensemble.clientPort(leader)), c.getAttribute(leaderBean, "ClientPort"));
            assertTrue(c.getAttribute(leaderBean, "PacketsReceived") instanceof Long);
            assertTrue(c.getAttribute(leaderBean, "AvgRequestLatency") instanceof Double);
            assertTrue(((String) c.getAttribute(leaderBean, "CurrentZxid")).startsWith("0x"));
            assertTrue((Long) c.getAttribute(leaderBean, "ElectionTimeTaken") >= 0);
            assertTrue((Integer) c.getAttribute(leaderBean, "MaxProposalSize") > 100);
            assertTrue(c.getAttribute(new ObjectName(role + ",name3=InMemoryDataTree"), "NodeCount") instanceof Integer);
        }

        ZooKeeper zk = Zk.connect(ensemble.connectString(follower));
        try (JMXConnector connector = jmx(follower)) {
            MBeanServerConnection c = connector.getMBeanServerConnection();
            String role = top(follower) + ",name1=replica." + follower + ",name2=Follower";
            String connection = role + ",name3=Connections,name4=" + Ensemble.HOST + ",name5=0x"
                    + Long.toHexString(zk.getSessionId());
            await("the follower's connection bean").atMost(WAIT).until(() -> names(c).contains(connection));
            assertEquals(Integer.toString(ensemble.clientPort(follower)),
                    c.getAttribute(new ObjectName(role), "ClientPort"));
            assertTrue(c.getAttribute(new ObjectName(role), "ElectionTimeTaken") instanceof Long);
            assertEquals("following", c.getAttribute(new ObjectName(top(follower) + ",name1=replica." + follower),
                    "State"));
        } finally {
            zk.close();
        }
    }

    @Test
    @Order(5)
    void theRoleBeansFollowAFailover() throws Exception {
        int oldLeader = leader;
        ensemble.kill9(oldLeader);
        int newLeader = ensemble.awaitLeader(Duration.ofSeconds(60));
        int other = ensemble.voterIds().stream().filter(id -> id != oldLeader && id != newLeader).findFirst()
                .orElseThrow();
        String local = top(newLeader) + ",name1=replica." + newLeader;
        try (JMXConnector connector = jmx(newLeader)) {
            MBeanServerConnection c = connector.getMBeanServerConnection();
            await("the new leader's Leader bean").atMost(WAIT).until(() -> {
                Set<String> names = names(c);
                return names.contains(local + ",name2=Leader") && names.stream().noneMatch(
                        n -> n.contains("name2=Follower") || n.contains("name2=LeaderElection"));
            });
            assertEquals("leading", c.getAttribute(new ObjectName(local), "State"));
            assertEquals(true, c.getAttribute(new ObjectName(top(newLeader) + ",name1=replica." + newLeader),
                    "Leader"));
            assertEquals(false, c.getAttribute(new ObjectName(top(newLeader) + ",name1=replica." + oldLeader),
                    "Leader"));
        }
        await("the new leader's mntr counts its one follower").atMost(WAIT)
                .until(() -> "1".equals(mntr(newLeader).get("zk_synced_followers")));
        assertEquals("leading - broadcast", mntr(newLeader).get("zk_peer_state"));
        assertEquals("following - broadcast", mntr(other).get("zk_peer_state"));
    }
}

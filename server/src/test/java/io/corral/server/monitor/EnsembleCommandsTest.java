package io.corral.server.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.management.Caller;
import io.corral.api.management.CommandResult;
import io.corral.api.management.EnsembleView;
import io.corral.server.Server;
import io.corral.server.config.ConfigLoader;
import io.corral.server.time.SystemClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ensemble views end to end in one JVM: three in-memory servers on loopback elect a leader, and mntr, conf,
 * leader, voting_view, observers, zabstate and {@code ServerView.ensemble()} describe it on each; a standalone
 * server answers as before.
 */
class EnsembleCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final Map<Long, Server> servers = new LinkedHashMap<>();
    private final Map<Long, Integer> clientPorts = new HashMap<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() {
        servers.values().forEach(Server::stop);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private long startEnsemble() throws Exception {
        Map<String, String> lines = new LinkedHashMap<>();
        for (long id = 1; id <= 3; id++) {
            clientPorts.put(id, freePort());
            lines.put("server." + id,
                    "127.0.0.1:" + freePort() + ":" + freePort() + ";127.0.0.1:" + clientPorts.get(id));
        }
        for (long id = 1; id <= 3; id++) {
            Path data = Files.createDirectories(dir.resolve("s" + id));
            Files.writeString(data.resolve("myid"), id + "\n", StandardCharsets.US_ASCII);
            Map<String, String> cfg = new HashMap<>(lines);
            cfg.put("dataDir", data.toString());
            cfg.put("tickTime", "200");
            cfg.put("initLimit", "10");
            cfg.put("syncLimit", "5");
            cfg.put("persistence.provider", "memory");
            cfg.put("admin.enableServer", "false");
            cfg.put("4lw.commands.whitelist", "*");
            servers.put(id, new Server(ConfigLoader.fromValues(cfg, Map.of(), "test " + id), SystemClock.INSTANCE));
        }
        for (Server s : servers.values()) {
            s.start();
        }
        return await().atMost(WAIT).until(() -> {
            long leader = -1;
            int synced = 0;
            for (Map.Entry<Long, Server> e : servers.entrySet()) {
                EnsembleView v = e.getValue().view().ensemble();
                if (v.peerState().equals("leading - broadcast")
                        && v.learners().stream().filter(EnsembleView.Learner::synced).count() == 2) {
                    leader = e.getKey();
                }
                synced += v.peerState().endsWith(" - broadcast") ? 1 : 0;
            }
            return synced == 3 ? leader : -1;
        }, id -> id > 0);
    }

    private static Map<String, String> mntr(int port) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : FourLetter.ask(port, "mntr").split("\n")) {
            String[] kv = line.split("\t", 2);
            values.put(kv[0], kv[1]);
        }
        return values;
    }

    private static CommandResult run(Server s, String command) {
        return s.view().run(command, Map.of(), Caller.anonymous());
    }

    @Test
    void everyMemberDescribesTheEnsemble() throws Exception {
        long leader = startEnsemble();
        long follower = leader == 1 ? 2 : 1;

        Map<String, String> lead = mntr(clientPorts.get(leader));
        assertEquals(List.of("zk_version", "zk_server_state", "zk_peer_state"),
                new ArrayList<>(lead.keySet()).subList(0, 3));
        assertEquals("leader", lead.get("zk_server_state"));
        assertEquals("leading - broadcast", lead.get("zk_peer_state"));
        assertEquals("2", lead.get("zk_learners"));
        assertEquals("2", lead.get("zk_synced_followers"));
        assertEquals("0", lead.get("zk_synced_non_voting_followers"));
        assertEquals("0", lead.get("zk_synced_observers"));
        assertEquals("0", lead.get("zk_pending_syncs"));
        assertEquals("3", lead.get("zk_quorum_size"));
        assertTrue(Long.parseLong(lead.get("zk_leader_uptime")) >= 0);
        assertTrue(lead.containsKey("zk_last_proposal_size"), lead::toString);

        Map<String, String> follow = mntr(clientPorts.get(follower));
        assertEquals("follower", follow.get("zk_server_state"));
        assertEquals("following - broadcast", follow.get("zk_peer_state"));
        assertEquals("3", follow.get("zk_quorum_size"));
        for (String leaderOnly : List.of("zk_learners", "zk_synced_followers", "zk_synced_observers",
                "zk_pending_syncs", "zk_leader_uptime", "zk_last_proposal_size")) {
            assertFalse(follow.containsKey(leaderOnly), leaderOnly);
        }

        CommandResult l = run(servers.get(follower), "lead");
        assertEquals(false, l.data().get("is_leader"));
        assertEquals(leader, l.data().get("leader_id"));
        assertEquals("127.0.0.1", l.data().get("leader_ip"));
        assertEquals(true, run(servers.get(leader), "leader").data().get("is_leader"));

        Map<?, ?> voting = (Map<?, ?>) run(servers.get(follower), "voting_view").data().get("current_config");
        assertEquals(List.of("1", "2", "3"), new ArrayList<>(voting.keySet()));
        assertEquals("127.0.0.1:" + clientPorts.get(leader),
                ((Map<?, ?>) voting.get(Long.toString(leader))).get("client_address"));

        Map<String, Object> zab = run(servers.get(follower), "zabstate").data();
        assertEquals(follower, zab.get("myid"));
        assertEquals(true, zab.get("voting"));
        assertEquals("broadcast", zab.get("zabstate"));
        assertEquals(0, run(servers.get(leader), "observers").data().get("synced_observers"));

        String conf = FourLetter.ask(clientPorts.get(follower), "conf");
        assertTrue(conf.contains("serverId=" + follower + "\ninitLimit=10\nsyncLimit=5\nelectionAlg=3\n"), conf);
        assertTrue(conf.contains("membership: \nserver.1=127.0.0.1:"), conf);
        assertTrue(conf.endsWith(":participant;127.0.0.1:" + clientPorts.get(3L) + "\nversion=0"), conf);
        assertEquals(follower, run(servers.get(follower), "conf").data().get("server_id"));

        EnsembleView v = servers.get(follower).view().ensemble();
        assertEquals(follower, v.myId());
        assertEquals(leader, v.leaderId());
        assertEquals(3, v.members().size());
        assertEquals(List.of(), v.learners());
    }

    @Test
    void aStandaloneServerAnswersAsBefore() throws Exception {
        try (InProcessServer server = new InProcessServer(dir, Map.of("4lw.commands.whitelist", "*"))) {
            assertNull(server.view().ensemble());
            Map<String, String> m = mntr(server.port());
            assertFalse(m.containsKey("zk_peer_state"));
            assertFalse(m.containsKey("zk_quorum_size"));
            assertEquals(Map.of("voting", false, "zabstate", ""), server.run("zabstate").data());
            assertEquals(Map.of("current_config", Map.of()), server.run("voting_view").data());
            assertEquals(0L, server.run("conf").data().get("server_id"));
            assertTrue(server.fourLetter("conf").endsWith("serverId=0\n"));
        }
    }
}

package io.corral.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.it.support.Distribution;
import io.corral.it.support.Distribution.Result;
import io.corral.it.support.Distribution.Server;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A three-server pseudo-cluster on one machine, set up as README.md tells users to: conf/zoo_sample.cfg copied to
 * zoo1.cfg, zoo2.cfg, zoo3.cfg with their own dataDir, clientPort and a myid file each, started one after the
 * other with {@code bin/zkServer.sh start zooN.cfg}. Status shows one leader and two followers, a write through
 * one server is read through the others with bin/zkCli.sh, and when the leader is stopped the other two elect a
 * new one and take writes.
 */
class DistributionPseudoClusterTest {
    private static final Duration ELECTION = Duration.ofSeconds(60);

    private static Distribution dist;

    @BeforeAll
    static void unpack() throws Exception {
        dist = Distribution.unpack(DistributionPseudoClusterTest.class);
    }

    @AfterAll
    static void cleanUp() {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    void threeServersFromTheSampleConfigElectReplicateAndFailOver() throws Exception {
        List<Server> servers = new ArrayList<>();
        Map<String, String> ensemble = new LinkedHashMap<>();
        int[] clientPorts = new int[3];
        for (int id = 1; id <= 3; id++) {
            clientPorts[id - 1] = freePort();
            ensemble.put("server." + id, "127.0.0.1:" + freePort() + ":" + freePort());
        }
        for (int id = 1; id <= 3; id++) {
            Map<String, String> changes = new LinkedHashMap<>(ensemble);
            changes.put("dataDir", "data/" + id);
            changes.put("clientPort", Integer.toString(clientPorts[id - 1]));
            changes.put("admin.serverPort", "0");
            changes.put("tickTime", "200");
            String cfgName = "zoo" + id + ".cfg";
            dist.writeConfig(cfgName, dist.conf().resolve("zoo_sample.cfg"), changes);
            Server server = dist.register(new Server(cfgName, clientPorts[id - 1], dist.home().resolve("data/" + id)));
            Files.createDirectories(server.dataDir());
            Files.writeString(server.dataDir().resolve("myid"), id + "\n");
            servers.add(server);
        }

        for (Server server : servers) {
            Result start = dist.run("zkServer.sh", "start", server.cfgName());
            assertEquals(0, start.exitCode(), start.toString());
            assertTrue(start.stdout().contains("STARTED"), start.toString());
        }
        Server leader = awaitModes(servers);

        Result create = cli(servers.get(0), "create", "/pseudo", "hello");
        assertEquals(0, create.exitCode(), create.toString());
        for (Server server : servers) {
            Result get = cli(server, "get", "/pseudo");
            assertEquals(0, get.exitCode(), server + ": " + get);
            assertTrue(get.stdout().contains("hello"), server + ": " + get);
        }

        Result stop = dist.run("zkServer.sh", "stop", leader.cfgName());
        assertEquals(0, stop.exitCode(), stop.toString());
        List<Server> rest = new ArrayList<>(servers);
        rest.remove(leader);
        Server newLeader = awaitModes(rest);
        assertTrue(newLeader != leader);
        Server other = rest.get(0) == newLeader ? rest.get(1) : rest.get(0);
        Result afterFailover = cli(other, "create", "/after-failover", "x");
        assertEquals(0, afterFailover.exitCode(), afterFailover.toString());
        Result list = cli(newLeader, "ls", "/");
        assertTrue(list.stdout().contains("after-failover") && list.stdout().contains("pseudo"), list.toString());

        for (Server server : rest) {
            assertEquals(0, dist.run("zkServer.sh", "stop", server.cfgName()).exitCode());
        }
    }

    /** Waits until every server's status names its mode, exactly one of them leader; returns the leader. */
    private static Server awaitModes(List<Server> servers) {
        return await().atMost(ELECTION).until(() -> {
            Server leader = null;
            int followers = 0;
            for (Server s : servers) {
                Result status = dist.run("zkServer.sh", "status", s.cfgName());
                if (status.stdout().contains("Mode: leader")) {
                    if (leader != null) {
                        return null;
                    }
                    leader = s;
                } else if (status.stdout().contains("Mode: follower")) {
                    followers++;
                }
            }
            return leader != null && followers == servers.size() - 1 ? leader : null;
        }, java.util.Objects::nonNull);
    }

    private static Result cli(Server server, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("-server", server.connectString()));
        args.addAll(List.of(command));
        return dist.run("zkCli.sh", args.toArray(new String[0]));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(Distribution.HOST, 0));
            return socket.getLocalPort();
        }
    }
}

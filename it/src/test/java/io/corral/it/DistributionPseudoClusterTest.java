package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.it.support.Distribution;
import io.corral.it.support.Distribution.Result;
import io.corral.it.support.Distribution.Server;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A three-server pseudo-cluster on one machine, set up as README.md tells users to: conf/zoo_sample.cfg copied to
 * zoo1.cfg, zoo2.cfg, zoo3.cfg with their own dataDir, clientPort and a myid file each, started with
 * {@code bin/zkServer.sh start zooN.cfg}.
 *
 * <p>Replication is not implemented yet, so today each server refuses to start and says why; this test pins that
 * refusal. TODO(replication): when ZAB lands, turn this into a real three-server test: all three report STARTED,
 * status says one leader and two followers, a write through one server is read through the others, and stopping
 * the leader leaves a serving majority.
 */
class DistributionPseudoClusterTest {

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
    void eachServerOfAnEnsembleRefusesToStartNamingTheReason() throws Exception {
        int[] clientPorts = new int[3];
        StringBuilder members = new StringBuilder();
        Map<String, String> ensemble = new LinkedHashMap<>();
        for (int id = 1; id <= 3; id++) {
            clientPorts[id - 1] = freePort();
            ensemble.put("server." + id, "127.0.0.1:" + freePort() + ":" + freePort());
            members.append(' ').append(ensemble.get("server." + id));
        }
        for (int id = 1; id <= 3; id++) {
            Map<String, String> changes = new LinkedHashMap<>(ensemble);
            changes.put("dataDir", "data/" + id);
            changes.put("clientPort", Integer.toString(clientPorts[id - 1]));
            changes.put("admin.serverPort", "0");
            String cfgName = "zoo" + id + ".cfg";
            dist.writeConfig(cfgName, dist.conf().resolve("zoo_sample.cfg"), changes);
            Server server = dist.register(new Server(cfgName, clientPorts[id - 1], dist.home().resolve("data/" + id)));
            Files.createDirectories(server.dataDir());
            Files.writeString(server.dataDir().resolve("myid"), id + "\n");
        }

        for (int id = 1; id <= 3; id++) {
            Server server = new Server("zoo" + id + ".cfg", clientPorts[id - 1], dist.home().resolve("data/" + id));
            Result start = dist.run("zkServer.sh", "start", server.cfgName());
            assertEquals(1, start.exitCode(), "server " + id + " of" + members + ": " + start);
            assertTrue(start.stdout().contains("FAILED"), start.toString());
            assertTrue(start.stderr().contains("describes an ensemble"), start.toString());
            assertTrue(start.stderr().contains("standalone only"), start.toString());
            assertFalse(Files.exists(server.pidFile()), "pid file left behind by a refused start: " + server.pidFile());
            assertEquals(null, Distribution.srvr(server), "nothing should listen on " + server.connectString());
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(Distribution.HOST, 0));
            return socket.getLocalPort();
        }
    }
}

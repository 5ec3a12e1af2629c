package io.corral.server.monitor;

import io.corral.testsupport.MiniJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.management.CommandInfo;
import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.OpCode;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.GetDataRequest;
import io.corral.server.tree.DataTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jmx management extension as the server loads it through ServiceLoader (corral-jmx is a runtime dependency
 * of the server): every admin command over HTTP, /metrics as Prometheus text, the MBeans through a remote JMX
 * connector while a load runs, and bad HTTP input.
 */
class ManagementEndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    private static InProcessServer server;
    private static int adminPort;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        adminPort = freePort();
        server = new InProcessServer(dir, Map.of("4lw.commands.whitelist", "*", "admin.enableServer", "true",
                "admin.serverAddress", "127.0.0.1", "admin.serverPort", Integer.toString(adminPort)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(String path, int status) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""), path);
        Map<String, Object> body = MiniJson.object(r.body());
        List<String> keys = new ArrayList<>(body.keySet());
        assertEquals(List.of("command", "error"), keys.subList(keys.size() - 2, keys.size()), path + ": " + r.body());
        return body;
    }

    @Test
    void theListLinksEveryCommandSortedByName() throws Exception {
        HttpResponse<String> r = get("/commands");
        assertEquals(200, r.statusCode());
        StringBuilder expected = new StringBuilder();
        for (CommandInfo c : server.view().commands()) {
            expected.append("<a href=\"/commands/").append(c.name()).append("\">").append(c.name()).append("</a>\n<br/>\n");
        }
        assertEquals(expected.toString(), r.body());
        assertTrue(r.body().contains("<a href=\"/commands/server_stats\">server_stats</a>"));
    }

    @Test
    void everyCommandAnswersJson() throws Exception {
        for (CommandInfo c : server.view().commands()) {
            boolean auth = c.needsAuth();
            Map<String, Object> body = json("/commands/" + c.name(), auth ? 401 : 200);
            assertEquals(c.name(), body.get("command"));
            // Refused before running, a command is named as it was asked for (as in ZooKeeper); answers use the primary name.
            if (auth) {
                assertEquals("Auth info is missing for the command", body.get("error"));
            } else if (!c.name().equals("leader") && !c.name().equals("set_trace_mask")) {
                assertNull(body.get("error"), c.name());
            }
            for (String alias : c.aliases()) {
                assertEquals(auth ? alias : c.name(), json("/commands/" + alias, auth ? 401 : 200).get("command"), alias);
            }
        }
    }

    @Test
    void jsonAndFourLetterTextAgree() throws Exception {
        try (RawSession s = new RawSession(server.port(), 30_000)) {
            assertEquals(Code.OK, s.call(OpCode.CREATE, new CreateRequest("/agree", new byte[0], DataTree.OPEN_ACL, CreateFlags.EPHEMERAL)));
            assertEquals(Code.OK, s.call(OpCode.GET_DATA, new GetDataRequest("/agree", true)));
            Map<String, Object> srvr = json("/commands/srvr", 200);
            assertTrue(server.fourLetter("srvr").contains("\nNode count: " + srvr.get("node_count") + "\n"));
            Map<String, Object> conf = json("/commands/conf", 200);
            String confText = server.fourLetter("conf");
            assertTrue(confText.contains("clientPort=" + conf.get("client_port") + "\n"), confText);
            assertTrue(confText.contains("tickTime=" + conf.get("tick_time") + "\n"), confText);
            Map<String, Object> wchs = json("/commands/wchs", 200);
            assertEquals(wchs.get("num_connections") + " connections watching " + wchs.get("num_paths")
                    + " paths\nTotal watches:" + wchs.get("num_total_watches") + "\n", server.fourLetter("wchs"));
            Map<?, ?> byPath = (Map<?, ?>) json("/commands/wchp", 200).get("path_to_session_ids");
            assertEquals(List.of(s.sessionId()), byPath.get("/agree"));
            assertTrue(server.fourLetter("wchp").contains("/agree\n\t0x" + Long.toHexString(s.sessionId()) + "\n"));
            Map<?, ?> ephemerals = (Map<?, ?>) json("/commands/dump", 200).get("session_id_to_ephemeral_paths");
            assertEquals(List.of("/agree"), ephemerals.get(Long.toString(s.sessionId())));
            Map<String, Object> dirs = json("/commands/dirs", 200);
            assertEquals("datadir_size: " + dirs.get("datadir_size") + "\nlogdir_size: " + dirs.get("logdir_size") + "\n",
                    server.fourLetter("dirs"));
            List<String> monitorKeys = new ArrayList<>();
            json("/commands/monitor", 200).keySet().forEach(k -> monitorKeys.add("zk_" + k));
            monitorKeys.removeAll(List.of("zk_command", "zk_error"));
            List<String> mntrKeys = new ArrayList<>();
            for (String line : server.fourLetter("mntr").split("\n")) {
                mntrKeys.add(line.substring(0, line.indexOf('\t')));
            }
            assertEquals(monitorKeys, mntrKeys);
            List<?> connections = (List<?>) json("/commands/cons", 200).get("connections");
            String sid = "sid=0x" + Long.toHexString(s.sessionId());
            assertTrue(connections.stream().anyMatch(c -> Long.valueOf(s.sessionId()).equals(((Map<?, ?>) c).get("session_id"))));
            assertTrue(server.fourLetter("cons").contains(sid), "cons lists the session too");
        }
    }

    @Test
    void unknownCommandIsA200WithTheError() throws Exception {
        Map<String, Object> body = json("/commands/no_such_thing", 200);
        assertEquals("no_such_thing", body.get("command"));
        assertEquals("Unknown command: no_such_thing", body.get("error"));
        assertEquals("setTraceMask requires long traceMask argument, got x", json("/commands/stmk?traceMask=x", 200).get("error"));
    }

    @Test
    void metricsAreValidPrometheusText() throws Exception {
        try (RawSession s = new RawSession(server.port(), 30_000)) {
            s.call(OpCode.CREATE, new CreateRequest("/prom", new byte[0], DataTree.OPEN_ACL, CreateFlags.EPHEMERAL));
            s.call(OpCode.GET_DATA, new GetDataRequest("/prom", false));
            // The reply leaves before its latency is recorded, and the node count is refreshed once a second.
            await("the metrics show the create").atMost(WAIT).until(() -> {
                PrometheusParser p = PrometheusParser.parse(get("/metrics").body());
                return p.samples.containsKey("request_latency_seconds_count{op=\"create\"}")
                        && p.value("znode_count{}") >= 6 && p.value("readlatency_count{}") >= 1;
            });
            HttpResponse<String> r = get("/metrics");
            assertEquals(200, r.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
            PrometheusParser p = PrometheusParser.parse(r.body());
            assertEquals("gauge", p.types.get("znode_count"));
            assertTrue(p.value("znode_count{}") >= 6, r.body());
            assertEquals("counter", p.types.get("bytes_received_count"));
            assertTrue(p.value("bytes_received_count{}") > 0);
            assertEquals("summary", p.types.get("readlatency"));
            assertEquals("summary", p.types.get("request_latency_seconds"));
            assertTrue(p.value("request_latency_seconds_count{op=\"create\"}") >= 1, r.body());
            assertTrue(p.samples.containsKey("request_latency_seconds{op=\"create\",quantile=\"0.99\"}"));
            assertTrue(p.value("fsynctime_count{}") >= 1);
            assertTrue(p.samples.containsKey("global_sessions{}"));
            assertTrue(p.samples.containsKey("pipeline_queue_depth{}"));
        }
    }

    @Test
    void badHttpGetsClearErrorsAndTheServerKeepsServing() throws Exception {
        assertEquals(404, get("/nothing/here").statusCode());
        assertTrue(rawStatus("GET /commands/ruok?x=%zz HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 400 "));
        String longUri = "/commands/" + "a".repeat(20_000);
        assertTrue(rawStatus("GET " + longUri + " HTTP/1.1\r\nHost: x\r\n\r\n").matches("HTTP/1.1 (414|431) .*"));
        assertTrue(rawStatus("GET /commands/ruok HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n")
                .startsWith("HTTP/1.1 431 "));
        assertTrue(rawStatus("THIS IS NOT HTTP\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(rawStatus("GET /commands/ruok HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertEquals(200, get("/commands/ruok").statusCode());
        assertEquals("imok", server.fourLetter("ruok"));
    }

    /** Sends raw bytes to the admin port and returns the status line of the answer. */
    private static String rawStatus(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", adminPort), 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.write(c);
            }
            return line.toString(StandardCharsets.ISO_8859_1).trim();
        }
    }

    @Test
    void beansReadThroughARemoteConnectorMoveWhileALoadRuns() throws Exception {
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        JMXConnectorServer connectorServer = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1"), null, ManagementFactory.getPlatformMBeanServer());
        connectorServer.start();
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger created = new AtomicInteger();
        Thread load = new Thread(() -> {
            try (RawSession s = new RawSession(server.port(), 30_000)) {
                while (loading.get()) {
                    s.call(OpCode.CREATE, new CreateRequest("/load-" + created.incrementAndGet(), new byte[8],
                            DataTree.OPEN_ACL, CreateFlags.PERSISTENT));
                    s.call(OpCode.GET_DATA, new GetDataRequest("/load-" + created.get(), false));
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, "test-load");
        try (JMXConnector connector = JMXConnectorFactory.connect(connectorServer.getAddress());
             RawSession victim = new RawSession(server.port(), 30_000)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            ObjectName serverBean = new ObjectName("org.apache.ZooKeeperService:name0=StandaloneServer_port" + server.port());
            ObjectName treeBean = new ObjectName(serverBean + ",name1=InMemoryDataTree");
            assertEquals(Integer.toString(server.port()), jmx.getAttribute(serverBean, "ClientPort"));
            assertTrue(((String) jmx.getAttribute(serverBean, "Version")).startsWith("3.9.3-corral"));
            assertEquals(2000, jmx.getAttribute(serverBean, "TickTime"));
            assertEquals(40000, jmx.getAttribute(serverBean, "MaxSessionTimeout"));
            long packets = (Long) jmx.getAttribute(serverBean, "PacketsReceived");
            int nodes = (Integer) jmx.getAttribute(treeBean, "NodeCount");

            load.start();
            await("the server bean's counters move").atMost(WAIT).until(() ->
                    (Long) jmx.getAttribute(serverBean, "PacketsReceived") > packets + 200
                            && (Long) jmx.getAttribute(serverBean, "PacketsSent") > 200
                            && (Long) jmx.getAttribute(serverBean, "NumAliveConnections") >= 2);
            await("the tree bean sees the new nodes").atMost(WAIT).until(() ->
                    (Integer) jmx.getAttribute(treeBean, "NodeCount") > nodes + 50);
            assertTrue((Double) jmx.getAttribute(serverBean, "AvgRequestLatency") >= 0.0);
            assertTrue((Long) jmx.getAttribute(serverBean, "MaxRequestLatency") >= (Long) jmx.getAttribute(serverBean, "MinRequestLatency"));
            assertTrue((Long) jmx.getAttribute(serverBean, "OutstandingRequests") >= 0);
            assertTrue(((String) jmx.getAttribute(treeBean, "LastZxid")).startsWith("0x"));
            assertTrue((Long) jmx.invoke(treeBean, "approximateDataSize", null, null) > 0);

            ObjectName createTimer = new ObjectName("metrics:name=request_latency,type=timers,op=create");
            await("the per-operation timer bean appears and counts").atMost(WAIT).until(() ->
                    jmx.isRegistered(createTimer) && (Long) jmx.getAttribute(createTimer, "Count") > 50);
            assertTrue((Double) jmx.getAttribute(createTimer, "99thPercentile") >= 0.0);
            assertEquals("milliseconds", jmx.getAttribute(createTimer, "DurationUnit"));
            ObjectName fsync = new ObjectName("metrics:name=fsynctime,type=histograms");
            assertTrue((Long) jmx.getAttribute(fsync, "Count") > 0);

            // A connection bean per session, with ZooKeeper's name; terminateSession ends that session.
            assertEquals(Code.OK, victim.call(OpCode.CREATE, new CreateRequest("/victim", new byte[0], DataTree.OPEN_ACL, CreateFlags.EPHEMERAL)));
            String victimSid = "0x" + Long.toHexString(victim.sessionId());
            ObjectName victimBean = new ObjectName(serverBean + ",name1=Connections,name2=127.0.0.1,name3=" + victimSid);
            await("the victim's connection bean").atMost(WAIT).until(() -> jmx.isRegistered(victimBean));
            assertEquals(victimSid, jmx.getAttribute(victimBean, "SessionId"));
            assertTrue(((String) jmx.getAttribute(victimBean, "SourceIP")).startsWith("127.0.0.1:"));
            assertEquals(30000, jmx.getAttribute(victimBean, "SessionTimeout"));
            assertEquals(List.of("/victim"), List.of((String[]) jmx.getAttribute(victimBean, "EphemeralNodes")));
            assertEquals("CREA", jmx.getAttribute(victimBean, "LastOperation"));
            Set<ObjectName> connections = jmx.queryNames(new ObjectName(serverBean + ",name1=Connections,*"), null);
            assertTrue(connections.size() >= 2, connections::toString);
            jmx.invoke(victimBean, "terminateSession", null, null);
            await("the session is gone with its ephemeral and its bean").atMost(WAIT).until(() ->
                    !server.fourLetter("dump").contains("/victim") && !jmx.isRegistered(victimBean));

            jmx.invoke(serverBean, "resetStatistics", null, null);
            loading.set(false);
            load.join(10_000);
            assertTrue((Long) jmx.getAttribute(serverBean, "PacketsReceived") < created.get() * 2L);
        } finally {
            loading.set(false);
            load.join(10_000);
            connectorServer.stop();
        }
        assertFalse(load.isAlive());
    }
}

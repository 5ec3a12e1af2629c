package io.corral.it;

import io.corral.testsupport.MiniJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.corral.it.support.ServerProcess;
import io.corral.it.support.Target;
import io.corral.it.support.Zk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.junit.jupiter.api.Test;

/**
 * The admin endpoint over HTTP and the MBeans through the JVM's remote JMX connector, against the server process
 * (its admin endpoint on a free port; the fixture keeps it off for every other class). The JMX part passes against
 * the reference ZooKeeper too: the object names and attributes are ZooKeeper's.
 */
class AdminEndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ServerProcess server;
    private static int jmxPort;

    @BeforeAll
    static void start() throws Exception {
        jmxPort = freePort();
        server = ServerProcess.builder(AdminEndpointTest.class).adminServer()
                .jvmArg("-Dcom.sun.management.jmxremote.port=" + jmxPort)
                .jvmArg("-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort)
                .jvmArg("-Dcom.sun.management.jmxremote.host=" + ServerProcess.HOST)
                .jvmArg("-Dcom.sun.management.jmxremote.authenticate=false")
                .jvmArg("-Dcom.sun.management.jmxremote.ssl=false")
                .jvmArg("-Djava.rmi.server.hostname=" + ServerProcess.HOST)
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean corral() {
        return server.target() == Target.CORRAL;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ServerProcess.HOST + ":" + server.adminPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(String path, int status) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
        return MiniJson.object(r.body());
    }

    @Test
    void everyListedCommandAnswersJsonThatAgreesWithTheFourLetterWords() throws Exception {
        assumeTrue(corral(), "the reference ZooKeeper's Jetty 9 admin server cannot run next to the Jetty 12 jars on this classpath");
        ZooKeeper zk = Zk.connect(server.connectString(), 30_000);
        try {
            zk.create("/admin", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            zk.getData("/admin", true, null);
            HttpResponse<String> list = get("/commands");
            assertEquals(200, list.statusCode());
            Matcher links = Pattern.compile("<a href=\"/commands/([a-z_]+)\">\\1</a>\n<br/>\n").matcher(list.body());
            List<String> names = new ArrayList<>();
            while (links.find()) {
                names.add(links.group(1));
            }
            assertTrue(names.size() >= 28, names::toString);
            assertEquals(names.stream().sorted().toList(), names);
            for (String name : names) {
                boolean auth = name.equals("snapshot") || name.equals("restore");
                Map<String, Object> body = json("/commands/" + name, auth ? 401 : 200);
                assertEquals(name, body.get("command"));
                assertTrue(body.containsKey("error"), name);
            }
            String sid = Long.toString(zk.getSessionId());
            Map<String, Object> srvr = json("/commands/srvr", 200);
            assertEquals("server_stats", srvr.get("command"));
            assertTrue(server.fourLetter("srvr").contains("\nNode count: " + srvr.get("node_count") + "\n"));
            Map<String, Object> conf = json("/commands/conf", 200);
            assertTrue(server.fourLetter("conf").startsWith("clientPort=" + conf.get("client_port") + "\n"));
            Map<String, Object> wchs = json("/commands/wchs", 200);
            assertEquals(wchs.get("num_connections") + " connections watching " + wchs.get("num_paths")
                    + " paths\nTotal watches:" + wchs.get("num_total_watches") + "\n", server.fourLetter("wchs"));
            Map<?, ?> watches = (Map<?, ?>) json("/commands/wchc", 200).get("session_id_to_watched_paths");
            assertEquals(List.of("/admin"), watches.get(sid));
            Map<?, ?> ephemerals = (Map<?, ?>) json("/commands/dump", 200).get("session_id_to_ephemeral_paths");
            assertEquals(List.of("/admin"), ephemerals.get(sid));
            Map<String, Object> monitor = json("/commands/mntr", 200);
            for (String line : server.fourLetter("mntr").split("\n")) {
                assertTrue(monitor.containsKey(line.substring(3, line.indexOf('\t'))), line);
            }
            assertEquals("standalone", monitor.get("server_state"));
        } finally {
            Zk.closeQuietly(zk);
        }
    }

    @Test
    void metricsAreValidPrometheusText() throws Exception {
        assumeTrue(corral(), "/metrics is Corral's (ZooKeeper serves Prometheus on metricsProvider.httpPort)");
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        Map<String, String> types = new HashMap<>();
        Pattern type = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|summary)");
        Pattern sample = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"\\\\]*\",?)*\\})? (-?[0-9.E+-]+|NaN|[+-]Inf)");
        for (String line : r.body().split("\n")) {
            Matcher t = type.matcher(line);
            if (t.matches()) {
                types.put(t.group(1), t.group(2));
                continue;
            }
            Matcher m = sample.matcher(line);
            assertTrue(m.matches(), "not a sample line: " + line);
            String name = m.group(1).replaceAll("_(count|sum)$", "");
            assertTrue(types.containsKey(m.group(1)) || types.containsKey(name), "no TYPE before " + line);
        }
        assertEquals("gauge", types.get("znode_count"));
        assertEquals("summary", types.get("fsynctime"));
        assertEquals("counter", types.get("response_bytes"));
    }

    @Test
    void badHttpGetsClearErrorsAndTheServerKeepsServing() throws Exception {
        assumeTrue(corral(), "Corral's admin endpoint");
        Map<String, Object> unknown = json("/commands/not_a_command", 200);
        assertEquals("Unknown command: not_a_command", unknown.get("error"));
        assertEquals(404, get("/no/such/path").statusCode());
        assertTrue(raw("GET /commands/" + "q".repeat(64 * 1024) + " HTTP/1.1\r\nHost: h\r\n\r\n").matches("HTTP/1.1 (414|431) .*"));
        assertTrue(raw("GET /commands/ruok HTTP/1.1\r\nHost: h\r\nX-Huge: " + "z".repeat(64 * 1024) + "\r\n\r\n").startsWith("HTTP/1.1 431 "));
        assertTrue(raw("NOT HTTP AT ALL\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(raw("GET /commands/ruok?x=%G0 HTTP/1.1\r\nHost: h\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertEquals(200, get("/commands/ruok").statusCode());
        assertEquals("imok", server.fourLetter("ruok"));
        assertTrue(server.isAlive());
    }

    private static String raw(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ServerProcess.HOST, server.adminPort()), 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
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
    void theBeansMoveWhileALoadRuns() throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + ServerProcess.HOST + ":" + jmxPort + "/jmxrmi");
        AtomicBoolean loading = new AtomicBoolean(true);
        ZooKeeper loader = Zk.connect(server.connectString(), 30_000);
        Thread load = new Thread(() -> {
            int i = 0;
            while (loading.get()) {
                try {
                    loader.create("/jmx-load-" + i++, new byte[16], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                } catch (Exception e) {
                    return;
                }
            }
        }, "it-jmx-load");
        try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            ObjectName serverBean = new ObjectName("org.apache.ZooKeeperService:name0=StandaloneServer_port" + server.port());
            ObjectName treeBean = new ObjectName(serverBean + ",name1=InMemoryDataTree");
            assertEquals(Integer.toString(server.port()), jmx.getAttribute(serverBean, "ClientPort"));
            long packets = (Long) jmx.getAttribute(serverBean, "PacketsReceived");
            int nodes = (Integer) jmx.getAttribute(treeBean, "NodeCount");
            load.start();
            await("PacketsReceived, PacketsSent and NodeCount move").atMost(WAIT).until(() ->
                    (Long) jmx.getAttribute(serverBean, "PacketsReceived") > packets + 100
                            && (Long) jmx.getAttribute(serverBean, "PacketsSent") > 100
                            && (Integer) jmx.getAttribute(treeBean, "NodeCount") > nodes + 50);
            assertTrue((Double) jmx.getAttribute(serverBean, "AvgRequestLatency") >= 0);
            assertTrue((Long) jmx.getAttribute(serverBean, "MaxRequestLatency") >= 0);
            assertTrue((Long) jmx.getAttribute(serverBean, "MinRequestLatency") >= 0);
            assertTrue((Long) jmx.getAttribute(serverBean, "OutstandingRequests") >= 0);
            assertTrue((Long) jmx.getAttribute(serverBean, "NumAliveConnections") >= 1);
            assertTrue((Integer) jmx.getAttribute(treeBean, "WatchCount") >= 0);
            String sid = "0x" + Long.toHexString(loader.getSessionId());
            ObjectName connection = new ObjectName(serverBean + ",name1=Connections,name2=127.0.0.1,name3=" + sid);
            await("the loader's connection bean").atMost(WAIT).until(() -> jmx.isRegistered(connection));
            assertEquals(sid, jmx.getAttribute(connection, "SessionId"));
            long received = (Long) jmx.getAttribute(connection, "PacketsReceived");
            await("the connection bean's counter moves").atMost(WAIT).until(() ->
                    (Long) jmx.getAttribute(connection, "PacketsReceived") > received);
            jmx.invoke(serverBean, "resetLatency", null, null);
            if (corral()) {
                ObjectName timer = new ObjectName("metrics:name=request_latency,type=timers,op=create");
                await("the create timer bean counts").atMost(WAIT).until(() ->
                        jmx.isRegistered(timer) && (Long) jmx.getAttribute(timer, "Count") > 50);
            }
        } finally {
            loading.set(false);
            load.join(10_000);
            Zk.closeQuietly(loader);
        }
    }
}

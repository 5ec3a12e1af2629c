package io.corral.server.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.management.CommandResult;
import io.corral.protocol.AddWatchMode;
import io.corral.protocol.Code;
import io.corral.protocol.CreateFlags;
import io.corral.protocol.OpCode;
import io.corral.protocol.proto.AddWatchRequest;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.ExistsRequest;
import io.corral.protocol.proto.GetChildrenRequest;
import io.corral.protocol.proto.GetDataRequest;
import io.corral.server.tree.DataTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every four-letter word over a raw socket against a running server, in ZooKeeper 3.9's exact layout, with a
 * session that owns an ephemeral node and data, child, exists and persistent-recursive watches.
 */
class FourLetterWordsServerTest {
    @TempDir
    static Path dir;
    private static InProcessServer server;
    private static RawSession session;
    private static String sid;

    @BeforeAll
    static void start() throws Exception {
        server = new InProcessServer(dir, Map.of("4lw.commands.whitelist", "*"));
        session = new RawSession(server.port(), 30_000);
        sid = "0x" + Long.toHexString(session.sessionId());
        assertEquals(Code.OK, session.call(OpCode.CREATE, new CreateRequest("/app", new byte[] {1}, DataTree.OPEN_ACL, CreateFlags.PERSISTENT)));
        assertEquals(Code.OK, session.call(OpCode.CREATE, new CreateRequest("/app/e", new byte[0], DataTree.OPEN_ACL, CreateFlags.EPHEMERAL)));
        assertEquals(Code.OK, session.call(OpCode.GET_DATA, new GetDataRequest("/app", true)));
        assertEquals(Code.OK, session.call(OpCode.GET_CHILDREN, new GetChildrenRequest("/app", true)));
        assertEquals(Code.NONODE, session.call(OpCode.EXISTS, new ExistsRequest("/nope", true)));
        assertEquals(Code.OK, session.call(OpCode.ADD_WATCH, new AddWatchRequest("/app", AddWatchMode.PERSISTENT_RECURSIVE)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void assertMatches(String regex, String text) {
        assertTrue(Pattern.compile(regex, Pattern.DOTALL).matcher(text).matches(), () -> "expected /" + regex + "/ but got:\n" + text);
    }

    @Test
    void ruokIsmok() throws Exception {
        assertEquals("imok", server.fourLetter("ruok"));
    }

    @Test
    void srvrHasZooKeepersLinesInOrder() throws Exception {
        assertMatches("Zookeeper version: 3\\.9\\.3-corral-[^\n]+\n"
                + "Latency min/avg/max: \\d+/\\d+\\.\\d+/\\d+\n"
                + "Received: \\d+\nSent: \\d+\nConnections: \\d+\nOutstanding: 0\nZxid: 0x[0-9a-f]+\n"
                + "Mode: standalone\nNode count: 7\n", server.fourLetter("srvr"));
    }

    @Test
    void statListsTheClientsThenTheSrvrLines() throws Exception {
        String stat = server.fourLetter("stat");
        assertMatches("Zookeeper version: [^\n]+\nClients:\n"
                + "( /127\\.0\\.0\\.1:\\d+\\[[01]\\]\\(queued=\\d+,recved=\\d+,sent=\\d+\\)\n)+\n"
                + "Latency min/avg/max: [^\n]+\nReceived: \\d+\nSent: \\d+\nConnections: \\d+\nOutstanding: \\d+\n"
                + "Zxid: 0x[0-9a-f]+\nMode: standalone\nNode count: 7\n", stat);
        // The session's connection reads (1); the asking connection no longer does (0), as in ZooKeeper. (crst in
        // another test may have zeroed the counters, so they are not compared here.)
        assertTrue(Pattern.compile(" /127\\.0\\.0\\.1:\\d+\\[1\\]\\(queued=0,").matcher(stat).find(), stat);
    }

    @Test
    void confListsTheStandaloneKeysInZooKeepersOrder() throws Exception {
        String conf = server.fourLetter("conf");
        List<String> keys = new ArrayList<>();
        for (String line : conf.split("\n")) {
            keys.add(line.substring(0, line.indexOf('=')));
        }
        assertEquals(List.of("clientPort", "secureClientPort", "dataDir", "dataDirSize", "dataLogDir", "dataLogSize",
                "tickTime", "maxClientCnxns", "minSessionTimeout", "maxSessionTimeout", "clientPortListenBacklog",
                "serverId"), keys);
        assertTrue(conf.startsWith("clientPort=" + server.port() + "\nsecureClientPort=-1\ndataDir="
                + dir.resolve("version-2").toAbsolutePath() + "\n"), conf);
        assertTrue(conf.endsWith("tickTime=2000\nmaxClientCnxns=60\nminSessionTimeout=4000\nmaxSessionTimeout=40000\n"
                + "clientPortListenBacklog=-1\nserverId=0\n"), conf);
    }

    @Test
    void consShowsTheSessionFields() throws Exception {
        String cons = server.fourLetter("cons");
        assertTrue(cons.endsWith(")\n\n"), cons);
        assertTrue(Pattern.compile(" /127\\.0\\.0\\.1:\\d+\\[1\\]\\(queued=0,recved=\\d+,sent=\\d+,sid=" + sid
                + ",lop=[A-Z]+,est=\\d{13},to=30000,lcxid=0x[0-9a-f]+,lzxid=0x[0-9a-f]+,lresp=\\d+,llat=\\d+,"
                + "minlat=\\d+,avglat=\\d+,maxlat=\\d+\\)\n").matcher(cons).find(), cons);
    }

    @Test
    void watchWordsShowTheDataWatchTable() throws Exception {
        // getData and exists watches and the recursive one (on /app, like the data watch); getChildren is not listed.
        assertEquals("1 connections watching 2 paths\nTotal watches:2\n", server.fourLetter("wchs"));
        assertEquals(sid + "\n\t/app\n\t/nope\n\n", server.fourLetter("wchc"));
        assertEquals("/app\n\t" + sid + "\n/nope\n\t" + sid + "\n\n", server.fourLetter("wchp"));
    }

    @Test
    void dumpListsSessionsEphemeralsAndConnections() throws Exception {
        String dump = server.fourLetter("dump");
        assertMatches("SessionTracker dump:\nSession Sets \\(1\\)/\\(1\\):\n1 expire at [^\n]+:\n\t" + sid + "\n"
                + "ephemeral nodes dump:\nSessions with Ephemerals \\(1\\):\n" + sid + ":\n\t/app/e\n"
                + "Connections dump:\nConnections Sets \\(\\d+\\)/\\(\\d+\\):\n.*\tip: /127\\.0\\.0\\.1:\\d+ sessionId: " + sid + "\n.*", dump);
    }

    @Test
    void enviListsZooKeepersKeysInOrder() throws Exception {
        String envi = server.fourLetter("envi");
        List<String> keys = new ArrayList<>();
        String[] lines = envi.split("\n");
        assertEquals("Environment:", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            keys.add(lines[i].substring(0, lines[i].indexOf('=')));
        }
        assertEquals(List.of("zookeeper.version", "host.name", "java.version", "java.vendor", "java.home",
                "java.class.path", "java.library.path", "java.io.tmpdir", "java.compiler", "os.name", "os.arch",
                "os.version", "user.name", "user.home", "user.dir", "os.memory.free", "os.memory.max",
                "os.memory.total"), keys);
    }

    @Test
    void smallWords() throws Exception {
        assertMatches("datadir_size: \\d+\nlogdir_size: \\d+\n", server.fourLetter("dirs"));
        assertEquals("rw", server.fourLetter("isro"));
        assertEquals("", server.fourLetter("hash"));
        assertEquals("306", server.fourLetter("gtmk"));
        assertEquals("306", server.fourLetter("stmk"));
        assertEquals("Connection stats reset.\n", server.fourLetter("crst"));
    }

    @Test
    void mntrIsTabSeparatedWithZkKeys() throws Exception {
        String mntr = server.fourLetter("mntr");
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : mntr.split("\n")) {
            assertMatches("zk_[a-z0-9_]+\t[^\t]*", line);
            values.put(line.substring(3, line.indexOf('\t')), line.substring(line.indexOf('\t') + 1));
        }
        List<String> order = new ArrayList<>(values.keySet());
        assertEquals(List.of("version", "server_state"), order.subList(0, 2));
        assertEquals("standalone", values.get("server_state"));
        assertEquals("7", values.get("znode_count"));
        assertEquals("3", values.get("watch_count")); // data table 2 + child table 1, as ZooKeeper counts
        assertEquals("1", values.get("ephemerals_count"));
        assertEquals("1", values.get("global_sessions"));
        assertEquals("0.0", values.get("connection_drop_probability"));
        assertMatches("\\d+\\.\\d+", values.get("avg_latency"));
        for (String key : List.of("max_latency", "min_latency", "packets_received", "packets_sent",
                "num_alive_connections", "outstanding_requests", "uptime", "approximate_data_size",
                "bytes_received_count", "response_bytes", "cnt_fsynctime", "sum_sync_processor_batch_size",
                "p99_readlatency", "p999_updatelatency", "cnt_updatelatency")) {
            assertMatches("\\d+", values.get(key));
        }
        assertMatches("\\d+\\.\\d+", values.get("avg_updatelatency"));
    }

    @Test
    void unknownWordIsAFrameLengthThatClosesTheConnection() throws Exception {
        assertEquals("", server.fourLetter("xyzw"));
        assertEquals("imok", server.fourLetter("ruok"));
    }

    @Test
    void textAgreesWithTheCommandData() throws Exception {
        CommandResult srvr = server.run("srvr");
        assertEquals(7, ((Number) srvr.data().get("node_count")).intValue());
        assertEquals("server_stats", srvr.command());
        Map<?, ?> watches = (Map<?, ?>) server.run("wchc").data().get("session_id_to_watched_paths");
        assertEquals(Map.of(Long.toString(session.sessionId()), List.of("/app", "/nope")), watches);
        Map<?, ?> summary = server.run("watch_summary").data();
        assertEquals(List.of(1, 2, 2), List.of(summary.get("num_connections"), summary.get("num_paths"), summary.get("num_total_watches")));
        Map<?, ?> conf = server.run("conf").data();
        assertTrue(server.fourLetter("conf").contains("clientPort=" + conf.get("client_port") + "\n"));
        assertTrue(server.fourLetter("conf").contains("dataDir=" + conf.get("data_dir") + "\n"));
        Map<?, ?> dirs = server.run("dirs").data();
        assertEquals("datadir_size: " + dirs.get("datadir_size") + "\nlogdir_size: " + dirs.get("logdir_size") + "\n",
                server.fourLetter("dirs"));
        List<String> jsonKeys = new ArrayList<>();
        server.run("monitor").data().keySet().forEach(k -> jsonKeys.add("zk_" + k));
        List<String> textKeys = new ArrayList<>();
        for (String line : server.fourLetter("mntr").split("\n")) {
            textKeys.add(line.substring(0, line.indexOf('\t')));
        }
        assertEquals(jsonKeys, textKeys);
    }
}

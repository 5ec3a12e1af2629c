package io.corral.server.monitor.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corral.api.management.ConnectionSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The text renderers against fixed data: each expected string is what Apache ZooKeeper 3.9.3 printed for the same
 * figures (captured from the reference server), so scripts that parse ZooKeeper's output parse ours.
 */
class CommandTextTest {
    private static final String VERSION = "3.9.3-c26634f34490bb0ea7a09cc51e05ede3b4e320ee, built on 2024-10-17 23:21 UTC";

    private static Map<String, Object> serverStats(List<Object> connections) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("packets_sent", 24L);
        stats.put("packets_received", 24L);
        stats.put("last_processed_zxid", 4L);
        stats.put("outstanding_requests", 0L);
        stats.put("server_state", "standalone");
        stats.put("avg_latency", 16.5556);
        stats.put("max_latency", 87L);
        stats.put("min_latency", 1L);
        stats.put("num_alive_client_connections", 2);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", VERSION);
        data.put("read_only", false);
        data.put("server_stats", stats);
        data.put("node_count", 7);
        if (connections != null) {
            data.put("connections", connections);
        }
        return data;
    }

    private static ConnectionSummary session() {
        return new ConnectionSummary(1, "127.0.0.1", 50458, 1, 0, 9, 10, 0x10000264e500000L, 30000, 1795305124394L,
                "GETD", 8, 4, 2523741, 1, 0, 16, 87);
    }

    private static ConnectionSummary fourLetterConnection() {
        return new ConnectionSummary(2, "127.0.0.1", 50466, 0, 0, 1, 0, 0, 0, 0, "NA", -1, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void srvr() {
        assertEquals("Zookeeper version: " + VERSION + "\nLatency min/avg/max: 1/16.5556/87\nReceived: 24\nSent: 24\n"
                + "Connections: 2\nOutstanding: 0\nZxid: 0x4\nMode: standalone\nNode count: 7\n",
                new ServerStatsCommand(false).text(serverStats(null), null));
    }

    @Test
    void statAddsBriefConnectionLines() {
        List<Object> connections = List.of(ConnectionMaps.of(fourLetterConnection(), true), ConnectionMaps.of(session(), true));
        assertEquals("Zookeeper version: " + VERSION + "\nClients:\n /127.0.0.1:50466[0](queued=0,recved=1,sent=0)\n"
                + " /127.0.0.1:50458[1](queued=0,recved=9,sent=10)\n\nLatency min/avg/max: 1/16.5556/87\n"
                + "Received: 24\nSent: 24\nConnections: 2\nOutstanding: 0\nZxid: 0x4\nMode: standalone\nNode count: 7\n",
                new ServerStatsCommand(true).text(serverStats(connections), null));
    }

    @Test
    void consHasSessionFieldsOnlyWithASession() {
        Map<String, Object> data = Map.of("connections",
                List.of(ConnectionMaps.of(fourLetterConnection(), false), ConnectionMaps.of(session(), false)));
        assertEquals(" /127.0.0.1:50466[0](queued=0,recved=1,sent=0)\n"
                + " /127.0.0.1:50458[1](queued=0,recved=9,sent=10,sid=0x10000264e500000,lop=GETD,est=1795305124394,"
                + "to=30000,lcxid=0x8,lzxid=0x4,lresp=2523741,llat=1,minlat=0,avglat=16,maxlat=87)\n\n",
                new ConnectionsCommand().text(data, null));
    }

    @Test
    void consJsonUsesZooKeepersKeys() {
        assertEquals(List.of("remote_socket_address", "interest_ops", "outstanding_requests", "packets_received",
                "packets_sent", "session_id", "last_operation", "established", "session_timeout", "last_cxid",
                "last_zxid", "last_response_time", "last_latency", "min_latency", "avg_latency", "max_latency"),
                List.copyOf(ConnectionMaps.of(session(), false).keySet()));
        assertEquals("127.0.0.1:50458", ConnectionMaps.of(session(), true).get("remote_socket_address"));
        assertEquals("[::1]:7", ConnectionMaps.address("::1", 7));
    }

    @Test
    void mntrPrintsIntegersAsIntegersAndOtherNumbersAsDoubles() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", VERSION);
        data.put("server_state", "standalone");
        data.put("avg_latency", 16.5556);
        data.put("znode_count", 7);
        data.put("packets_sent", 25L);
        data.put("connection_drop_probability", 0.0);
        data.put("avg_fsynctime", 2.0);
        assertEquals("zk_version\t" + VERSION + "\nzk_server_state\tstandalone\nzk_avg_latency\t16.5556\n"
                + "zk_znode_count\t7\nzk_packets_sent\t25\nzk_connection_drop_probability\t0.0\nzk_avg_fsynctime\t2.0\n",
                new MonitorCommand().text(data, null));
    }

    @Test
    void watchWords() {
        assertEquals("1 connections watching 2 paths\nTotal watches:2\n", new WatchCommands.Summary().text(
                Map.of("num_connections", 1, "num_paths", 2, "num_total_watches", 2), null));
        Map<String, Object> bySession = new LinkedHashMap<>();
        bySession.put(Long.toString(0x10000264e500000L), List.of("/app", "/nope"));
        assertEquals("0x10000264e500000\n\t/app\n\t/nope\n\n",
                new WatchCommands.BySession().text(Map.of("session_id_to_watched_paths", bySession), null));
        Map<String, Object> byPath = new LinkedHashMap<>();
        byPath.put("/app", List.of(0x10000264e500000L));
        byPath.put("/nope", List.of(0x10000264e500000L));
        assertEquals("/app\n\t0x10000264e500000\n/nope\n\t0x10000264e500000\n\n",
                new WatchCommands.ByPath().text(Map.of("path_to_session_ids", byPath), null));
        assertEquals("\n", new WatchCommands.BySession().text(Map.of("session_id_to_watched_paths", Map.of()), null));
    }

    @Test
    void smallWords() {
        assertEquals("datadir_size: 478\nlogdir_size: 478\n",
                new DirsCommand().text(Map.of("datadir_size", 478L, "logdir_size", 478L), null));
        assertEquals("rw", new IsReadOnlyCommand().text(Map.of("read_only", false), null));
        assertEquals("ro", new IsReadOnlyCommand().text(Map.of("read_only", true), null));
        assertEquals("imok", new RuokCommand().text(Map.of(), null));
        assertEquals("", new HashCommand().text(Map.of("digests", List.of()), null));
        assertEquals("1a: 12345\n", new HashCommand().text(
                Map.of("digests", List.of(Map.of("zxid", 26L, "digest", 12345L))), null));
        assertEquals("Connection stats reset.\n", new ResetCommands.ConnectionStatReset().text(Map.of(), null));
        assertEquals("Server stats reset.\n", new ResetCommands.StatReset().text(Map.of(), null));
    }
}

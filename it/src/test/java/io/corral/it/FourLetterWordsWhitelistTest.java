package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/**
 * Every four-letter word over a raw socket, whitelisted and not, against the server process. The expectations are
 * ZooKeeper 3.9's formats: the class passes against the reference server too ({@code -Dit.target=zookeeper}). (The
 * default whitelist, srvr alone, is covered by the server's WhitelistTest: the fixture waits for ruok.)
 */
class FourLetterWordsWhitelistTest {
    private static final List<String> WORDS = List.of("conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "hash",
            "isro", "mntr", "ruok", "srst", "srvr", "stat", "stmk", "wchc", "wchp", "wchs");

    /** ZooKeeper's stmk reads an 8-byte mask after the word; both servers answer with a number. */
    private static String ask(ServerProcess server, String word) throws IOException {
        if (!word.equals("stmk")) {
            return server.fourLetter(word);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ServerProcess.HOST, server.port()), 5_000);
            s.setSoTimeout(10_000);
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(req);
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.writeLong(306);
            s.getOutputStream().write(req.toByteArray());
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertMatches(String regex, String text, String word) {
        assertTrue(Pattern.compile(regex, Pattern.DOTALL).matcher(text).matches(),
                () -> word + ": expected /" + regex + "/ but got:\n" + text);
    }

    @Test
    void everyWordIsAnsweredInZooKeepersFormatWhenWhitelisted() throws Exception {
        try (ServerProcess server = ServerProcess.builder(FourLetterWordsWhitelistTest.class).start()) {
            ZooKeeper zk = Zk.connect(server.connectString(), 30_000);
            try {
                zk.create("/w", new byte[] {1}, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                zk.create("/w/e", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
                zk.getData("/w", true, null);
                zk.getChildren("/w", true);
                zk.exists("/missing", true);
                zk.addWatch("/w", AddWatchMode.PERSISTENT_RECURSIVE);
                String sid = "0x" + Long.toHexString(zk.getSessionId());
                Map<String, String> expected = Map.ofEntries(
                        Map.entry("ruok", "imok"),
                        Map.entry("isro", "rw"),
                        Map.entry("hash", "(\\p{XDigit}+: \\d+\n)*"),
                        Map.entry("gtmk", "\\d+"),
                        Map.entry("stmk", "\\d+"),
                        Map.entry("crst", "Connection stats reset.\n"),
                        Map.entry("srst", "Server stats reset.\n"),
                        Map.entry("dirs", "datadir_size: \\d+\nlogdir_size: \\d+\n"),
                        Map.entry("wchs", "1 connections watching 2 paths\nTotal watches:2\n"),
                        Map.entry("wchc", sid + "\n(\t/w\n\t/missing\n|\t/missing\n\t/w\n)\n"),
                        Map.entry("wchp", "(/w\n\t" + sid + "\n/missing\n\t" + sid + "\n|/missing\n\t" + sid + "\n/w\n\t" + sid + "\n)\n"),
                        Map.entry("conf", "clientPort=" + server.port() + "\nsecureClientPort=-1\ndataDir=[^\n]+\ndataDirSize=\\d+\n"
                                + "dataLogDir=[^\n]+\ndataLogSize=\\d+\ntickTime=2000\nmaxClientCnxns=60\nminSessionTimeout=4000\n"
                                + "maxSessionTimeout=40000\nclientPortListenBacklog=-1\nserverId=0\n"),
                        Map.entry("srvr", "Zookeeper version: [^\n]+\nLatency min/avg/max: \\d+/\\d+\\.\\d+/\\d+\nReceived: \\d+\n"
                                + "Sent: \\d+\nConnections: \\d+\nOutstanding: \\d+\nZxid: 0x\\p{XDigit}+\nMode: standalone\nNode count: 7\n"),
                        Map.entry("stat", "Zookeeper version: [^\n]+\nClients:\n( /127\\.0\\.0\\.1:\\d+\\[[01]\\]\\(queued=\\d+,recved=\\d+,sent=\\d+\\)\n)+\n"
                                + "Latency min/avg/max: [^\n]+\nReceived: \\d+\nSent: \\d+\nConnections: \\d+\nOutstanding: \\d+\n"
                                + "Zxid: 0x\\p{XDigit}+\nMode: standalone\nNode count: 7\n"),
                        Map.entry("cons", "( /127\\.0\\.0\\.1:\\d+\\[[01]\\]\\(queued=\\d+,recved=\\d+,sent=\\d+(,sid=0x\\p{XDigit}+,lop=\\w+,"
                                + "est=\\d+,to=\\d+(,lcxid=0x\\p{XDigit}+)?,lzxid=0x\\p{XDigit}+,lresp=\\d+,llat=\\d+,minlat=\\d+,"
                                + "avglat=\\d+,maxlat=\\d+)?\\)\n)+\n"),
                        Map.entry("dump", "SessionTracker dump:\nSession Sets \\(\\d+\\)/\\(1\\):\n.*\t" + sid + "\n"
                                + "ephemeral nodes dump:\nSessions with Ephemerals \\(1\\):\n" + sid + ":\n\t/w/e\nConnections dump:\n.*"),
                        Map.entry("envi", "Environment:\nzookeeper\\.version=[^\n]+\nhost\\.name=[^\n]*\njava\\.version=.*os\\.memory\\.total=\\d+MB\n"),
                        Map.entry("mntr", "zk_version\t[^\n]+\nzk_server_state\tstandalone\n(zk_[a-z0-9_]+\t[^\t\n]*\n)+"));
                for (String word : WORDS) {
                    assertMatches(expected.get(word), ask(server, word), word);
                }
                String cons = server.fourLetter("cons");
                assertTrue(cons.contains(",sid=" + sid + ","), cons);
                String mntr = server.fourLetter("mntr");
                for (String line : List.of("zk_znode_count\t7", "zk_watch_count\t3", "zk_ephemerals_count\t1", "zk_global_sessions\t1")) {
                    assertTrue(mntr.contains("\n" + line + "\n"), line + " in\n" + mntr);
                }
            } finally {
                Zk.closeQuietly(zk);
            }
        }
    }

    @Test
    void onlyTheWhitelistedWordsAreAnswered() throws Exception {
        try (ServerProcess server = ServerProcess.builder(FourLetterWordsWhitelistTest.class)
                .set("4lw.commands.whitelist", "ruok, mntr").start()) {
            assertEquals("imok", server.fourLetter("ruok"));
            assertTrue(server.fourLetter("mntr").startsWith("zk_version\t"));
            assertTrue(server.fourLetter("srvr").startsWith("Zookeeper version: "), "srvr is always allowed");
            for (String word : WORDS) {
                if (!List.of("ruok", "mntr", "srvr").contains(word)) {
                    assertEquals(word + " is not executed because it is not in the whitelist.\n", ask(server, word), word);
                }
            }
        }
    }

    @Test
    void anUnknownWordIsAFrameLengthAndTheConnectionCloses() throws Exception {
        try (ServerProcess server = ServerProcess.builder(FourLetterWordsWhitelistTest.class).start()) {
            assertEquals("", server.fourLetter("xyzw"));
            assertEquals("", server.fourLetter("RUOK"));
            assertEquals("imok", server.fourLetter("ruok"));
        }
    }
}

package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

class FourLetterWordsTest {

    private static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.builder(FourLetterWordsTest.class).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void ruokAnswersImok() throws Exception {
        assertEquals("imok", server.fourLetter("ruok"));
    }

    @Test
    void srvrReportsTheStandardLines() throws Exception {
        ZooKeeper zk = Zk.connect(server.connectString());
        try {
            Zk.createPersistent(zk, "/srvr-node");
            String out = server.fourLetter("srvr");
            List<String> lines = Arrays.asList(out.split("\n"));
            String[] prefixes = {"Zookeeper version:", "Latency min/avg/max:", "Received:", "Sent:", "Connections:",
                "Outstanding:", "Zxid: 0x", "Mode: standalone", "Node count:"};
            for (String prefix : prefixes) {
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix)), () -> "no line starting '" + prefix + "' in:\n" + out);
            }
            assertTrue(out.endsWith("\n"), "every srvr line ends in a newline");
            assertTrue(Pattern.compile("(?m)^Latency min/avg/max: \\d+/[0-9.]+/\\d+$").matcher(out).find(), out);
            assertTrue(Pattern.compile("(?m)^Zxid: 0x[0-9a-f]+$").matcher(out).find(), out);
            assertTrue(Pattern.compile("(?m)^Connections: [1-9]\\d*$").matcher(out).find(), "our open session is counted:\n" + out);
            int nodeCount = lines.stream().filter(l -> l.startsWith("Node count: ")).map(l -> Integer.parseInt(l.substring(12).trim()))
                    .findFirst().orElseThrow();
            // fresh server shows 5 (root counted twice, /zookeeper, /zookeeper/quota, /zookeeper/config) plus our node
            assertEquals(6, nodeCount, out);
        } finally {
            Zk.closeQuietly(zk);
        }
    }
}

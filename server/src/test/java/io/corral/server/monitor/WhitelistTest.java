package io.corral.server.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 4lw.commands.whitelist as ZooKeeper has it: srvr alone by default, srvr always, * for all. */
class WhitelistTest {
    @TempDir
    Path dir;

    @Test
    void byDefaultOnlySrvrIsAnswered() throws Exception {
        try (InProcessServer server = new InProcessServer(dir, Map.of())) {
            assertTrue(server.fourLetter("srvr").startsWith("Zookeeper version: "));
            for (String word : FourLetterWordService.WORDS) {
                if (!word.equals("srvr")) {
                    assertEquals(word + " is not executed because it is not in the whitelist.\n", server.fourLetter(word));
                }
            }
        }
    }

    @Test
    void aListedWordIsAnsweredAndSrvrAlwaysIs() throws Exception {
        try (InProcessServer server = new InProcessServer(dir, Map.of("4lw.commands.whitelist", "ruok, mntr"))) {
            assertEquals("imok", server.fourLetter("ruok"));
            assertTrue(server.fourLetter("mntr").startsWith("zk_version\t"));
            assertTrue(server.fourLetter("srvr").startsWith("Zookeeper version: "));
            assertEquals("stat is not executed because it is not in the whitelist.\n", server.fourLetter("stat"));
        }
    }

    @Test
    void notServingAnswersAreZooKeepers() {
        assertEquals("null", FourLetterWordService.notServing("isro"));
        assertEquals("This ZooKeeper instance is not currently serving requests", FourLetterWordService.notServing("hash"));
        assertEquals("This ZooKeeper instance is not currently serving requests\n", FourLetterWordService.notServing("mntr"));
    }
}

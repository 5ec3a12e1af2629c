package io.corral.client.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.client.Acls;
import io.corral.client.ZkClient;
import io.corral.client.e2e.ReferenceServer;
import io.corral.client.e2e.ReferenceServerExtension;
import io.corral.protocol.CreateFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tab completion against the reference server. */
@ExtendWith(ReferenceServerExtension.class)
class ZNodeCompleterTest {
    @Test
    void completesCommandsAndChildPaths(ReferenceServer server) throws Exception {
        try (ZkClient zk = new ZkClient(server.connectString(), io.corral.client.ClientConfig.defaults(), null)) {
            assertTrue(zk.awaitConnected(Duration.ofSeconds(10)));
            String root = "/cmp-" + UUID.randomUUID().toString().substring(0, 8);
            zk.create(root, null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
            for (String child : List.of("abc", "abd", "x")) {
                zk.create(root + "/" + child, null, Acls.OPEN_ACL_UNSAFE, CreateFlags.PERSISTENT);
            }
            ZNodeCompleter completer = new ZNodeCompleter(() -> zk, new CommandRegistry().names());

            assertEquals(List.of(root + "/abc", root + "/abd"), values(completer, "get " + root + "/ab"));
            assertTrue(values(completer, "ls /").contains(root));
            assertEquals(List.of(), values(completer, "ls /no-such-node/x"));
            assertTrue(values(completer, "ge").containsAll(List.of("get", "getAcl", "getEphemerals")));
        }
    }

    private static List<String> values(ZNodeCompleter completer, String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(line, line.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }
}

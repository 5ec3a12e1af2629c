package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.corral.it.support.Distribution;
import io.corral.it.support.Distribution.Result;
import io.corral.it.support.Distribution.Server;
import io.corral.it.support.Target;
import io.corral.it.support.Zk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/**
 * The guide's promise, as a user would do it: the example token plugin's jar dropped into lib/ of an unpacked
 * tarball, its users in conf/zoo.cfg, bin/zkServer.sh start, and the Apache client authenticates with it.
 */
class DistributionPluginTest {

    @Test
    void aSchemeDroppedIntoLibIsUsed() throws Exception {
        assumeTrue(Target.current() == Target.CORRAL, "Corral plugins do not load into ZooKeeper");
        Path pluginJar = Path.of(System.getProperty("corral.example.plugin.jar"));
        assertTrue(Files.isRegularFile(pluginJar), "the example plugin's jar is built before the it tests: " + pluginJar);
        try (Distribution dist = Distribution.unpack(DistributionPluginTest.class)) {
            Files.copy(pluginJar, dist.home().resolve("lib").resolve(pluginJar.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
            Server server = dist.standalone("plugin.cfg");
            Path cfg = dist.conf().resolve(server.cfgName());
            dist.writeConfig(server.cfgName(), cfg, Map.of("tokenAuth.user.alice", TokenPluginTest.ALICE_TOKEN_HASH));
            Result start = dist.run("zkServer.sh", "start", server.cfgName());
            assertEquals(0, start.exitCode(), start.toString());
            try {
                ZooKeeper alice = Zk.connect(server.connectString());
                ZooKeeper anonymous = Zk.connect(server.connectString());
                try {
                    alice.addAuthInfo("token", "s3cret".getBytes(StandardCharsets.UTF_8));
                    assertTrue(alice.whoAmI().contains(new ClientInfo("token", "alice")));
                    alice.create("/mine", new byte[0], Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
                    assertEquals(List.of(new ACL(Perms.ALL, new Id("token", "alice"))), alice.getACL("/mine", new Stat()));
                    Zk.assertCode(Code.NOAUTH, () -> anonymous.getData("/mine", false, null));
                } finally {
                    Zk.closeQuietly(alice, anonymous);
                }
            } finally {
                Result stop = dist.run("zkServer.sh", "stop", server.cfgName());
                assertEquals(0, stop.exitCode(), stop.toString());
            }
        }
    }
}

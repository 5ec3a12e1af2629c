package io.corral.it;

import static io.corral.it.support.Zk.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Target;
import io.corral.it.support.Zk;

/**
 * The example plugin of docs/auth-plugins.md (examples/token-auth-plugin), its jar put on the server's class path
 * as a jar dropped into lib/ is: found through ServiceLoader, configured from zoo.cfg, used by the Apache client.
 * Corral only: the reference ZooKeeper has a plugin interface of its own.
 */
class TokenPluginTest {
    /** SHA-256 of the token "s3cret". */
    static final String ALICE_TOKEN_HASH = "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0";
    /** SHA-256 of the token "b0bs-token". */
    static final String BOB_TOKEN_HASH = "60c52eca53b8995f9271b53f34654c95ea7686bb752a0f004b52db5cfb0a6bca";

    private static Path pluginJar;

    @BeforeAll
    static void findJar() {
        assumeTrue(Target.current() == Target.CORRAL, "Corral plugins do not load into ZooKeeper");
        pluginJar = Path.of(System.getProperty("corral.example.plugin.jar"));
        assertTrue(Files.isRegularFile(pluginJar), "the example plugin's jar is built before the it tests: " + pluginJar);
    }

    private static ServerProcess.Builder withPlugin(String name) {
        return ServerProcess.builder(name).classpathEntry(pluginJar)
                .set("tokenAuth.user.alice", ALICE_TOKEN_HASH)
                .set("tokenAuth.user.bob", BOB_TOKEN_HASH);
    }

    private static ZooKeeper token(ServerProcess server, String token) throws Exception {
        ZooKeeper zk = Zk.connect(server.connectString());
        zk.addAuthInfo("token", token.getBytes(StandardCharsets.UTF_8));
        return zk;
    }

    @Test
    void theDroppedInSchemeAuthenticatesAndGuardsNodes() throws Exception {
        try (ServerProcess server = withPlugin("TokenPluginTest").start()) {
            ZooKeeper alice = token(server, "s3cret");
            ZooKeeper bob = token(server, "b0bs-token");
            ZooKeeper anonymous = Zk.connect(server.connectString());
            try {
                assertTrue(alice.whoAmI().contains(new ClientInfo("token", "alice")));
                alice.create("/alices", "a".getBytes(StandardCharsets.UTF_8), Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
                assertEquals(List.of(new ACL(Perms.ALL, new Id("token", "alice"))), alice.getACL("/alices", new Stat()));
                assertCode(Code.NOAUTH, () -> bob.getData("/alices", false, null));
                assertCode(Code.NOAUTH, () -> anonymous.getData("/alices", false, null));

                List<ACL> everyTokenUser = new ArrayList<>(List.of(new ACL(Perms.READ, new Id("token", "*"))));
                alice.create("/team", "t".getBytes(StandardCharsets.UTF_8), everyTokenUser, CreateMode.PERSISTENT);
                assertArrayEquals("t".getBytes(StandardCharsets.UTF_8), bob.getData("/team", false, null));
                assertCode(Code.NOAUTH, () -> anonymous.getData("/team", false, null));
                assertCode(Code.INVALIDACL, () -> alice.create("/bad", null,
                        new ArrayList<>(List.of(new ACL(Perms.READ, new Id("token", "two words")))), CreateMode.PERSISTENT));
            } finally {
                Zk.closeQuietly(alice, bob, anonymous);
            }
        }
    }

    @Test
    void aWrongTokenIsAuthFailed() throws Exception {
        try (ServerProcess server = withPlugin("TokenPluginTest-wrong").start()) {
            EventRecorder events = new EventRecorder("wrong-token");
            ZooKeeper zk = Zk.connect(server.connectString(), Zk.DEFAULT_SESSION_TIMEOUT_MS, events);
            try {
                zk.addAuthInfo("token", "guess".getBytes(StandardCharsets.UTF_8));
                events.awaitState(KeeperState.AuthFailed);
            } finally {
                Zk.closeQuietly(zk);
            }
            assertTrue(server.logText().contains("unknown token"), "the provider's reason is in the server log");
        }
    }

    @Test
    void namedByAuthProviderAsWellAsFoundByServiceLoader() throws Exception {
        try (ServerProcess server = withPlugin("TokenPluginTest-named")
                .set("authProvider.1", "io.corral.examples.token.TokenAuthenticationProvider").start()) {
            ZooKeeper alice = token(server, "s3cret");
            try {
                assertTrue(alice.whoAmI().contains(new ClientInfo("token", "alice")));
            } finally {
                Zk.closeQuietly(alice);
            }
        }
    }

    @Test
    void withoutTheJarTheSchemeIsUnknown() throws Exception {
        try (ServerProcess server = ServerProcess.builder("TokenPluginTest-nojar").start()) {
            EventRecorder events = new EventRecorder("no-jar");
            ZooKeeper zk = Zk.connect(server.connectString(), Zk.DEFAULT_SESSION_TIMEOUT_MS, events);
            try {
                zk.addAuthInfo("token", "s3cret".getBytes(StandardCharsets.UTF_8));
                events.awaitState(KeeperState.AuthFailed);
            } finally {
                Zk.closeQuietly(zk);
            }
        }
    }

    @Test
    void aBadPluginSettingStopsTheServerWithTheKeyNamed() throws Exception {
        ServerProcess.Builder b = withPlugin("TokenPluginTest-bad").set("tokenAuth.user.carol", "not-a-hash");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, b::start);
        assertTrue(e.getMessage().contains("tokenAuth.user.carol"), e.getMessage());
    }
}

package io.corral.it;

import static io.corral.it.support.Zk.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/**
 * {@code DigestAuthenticationProvider.digestAlg=SHA-256}: digest ids and the super digest are SHA-256 hashes, as
 * ZooKeeper's DigestAuthenticationProvider prints them with the same setting.
 */
class DigestAlgorithmTest {
    /** bob:secret with SHA-256 (ZooKeeper 3.9.3's DigestAuthenticationProvider main, digestAlg=SHA-256). */
    static final String BOB_SHA256 = "bob:huAluaVu3uER4LIpielGv9Qqk5x3YVDr6I2R/mXf2wE=";
    static final String BOB_SHA1 = "bob:fyVmFCwVbTJYrznoSu1koqYEYF0=";

    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(DigestAlgorithmTest.class)
                .jvmArg("-Dzookeeper.DigestAuthenticationProvider.digestAlg=SHA-256")
                .jvmArg("-Dzookeeper.DigestAuthenticationProvider.superDigest=super:" + sha256Base64("super:superpw"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String sha256Base64(String s) throws Exception {
        return java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static ZooKeeper authed(String credentials) throws Exception {
        ZooKeeper zk = Zk.connect(server.connectString());
        zk.addAuthInfo("digest", credentials.getBytes(StandardCharsets.UTF_8));
        return zk;
    }

    @Test
    void idsAreSha256AndOnlyThoseMatch() throws Exception {
        ZooKeeper bob = authed("bob:secret");
        ZooKeeper superUser = authed("super:superpw");
        try {
            bob.create("/bobs", "b".getBytes(StandardCharsets.UTF_8), Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
            assertEquals(List.of(new ACL(Perms.ALL, new Id("digest", BOB_SHA256))), bob.getACL("/bobs", new Stat()));

            bob.create("/sha1", null, new ArrayList<>(List.of(new ACL(Perms.ALL, new Id("digest", BOB_SHA1)))),
                    CreateMode.PERSISTENT);
            assertCode(Code.NOAUTH, () -> bob.getData("/sha1", false, null));

            assertArrayEquals("b".getBytes(StandardCharsets.UTF_8), superUser.getData("/bobs", false, null),
                    "the SHA-256 super digest is super");
        } finally {
            Zk.closeQuietly(bob, superUser);
        }
    }
}

package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/**
 * Every scheme of the plain port (world, digest, ip address, ip range, auth/creator) x every permission x every
 * operation: the session the entry names may do exactly the operations that need that permission, and gets NOAUTH
 * for the others; a session the entry does not name gets NOAUTH for all of them. The same cases run against the
 * reference ZooKeeper with -Dit.target=zookeeper.
 */
class AclPermissionsTest {
    /** super:superpw, as ZooKeeper's DigestAuthenticationProvider prints it. */
    static final String SUPER_DIGEST = "super:g9oN2HttPfn8MMWJZ2r45Np/LIA=";

    private static ServerProcess server;
    private static ZooKeeper admin;
    private static ZooKeeper anonymous;
    private static ZooKeeper alice;
    private static ZooKeeper aliceAgain;
    private static ZooKeeper mallory;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(AclPermissionsTest.class).superDigest(SUPER_DIGEST).start();
        admin = authed("digest", "super:superpw");
        anonymous = Zk.connect(server.connectString());
        alice = authed("digest", "alice:secret");
        aliceAgain = authed("digest", "alice:secret");
        mallory = authed("digest", "alice:wrong");
    }

    @AfterAll
    static void stop() {
        Zk.closeQuietly(admin, anonymous, alice, aliceAgain, mallory);
        if (server != null) {
            server.stop();
        }
    }

    static ZooKeeper authed(String scheme, String credentials) throws Exception {
        ZooKeeper zk = Zk.connect(server.connectString());
        zk.addAuthInfo(scheme, credentials.getBytes(StandardCharsets.UTF_8));
        return zk;
    }

    static String digestId(String userColonPassword) throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(userColonPassword.getBytes(StandardCharsets.UTF_8));
        return userColonPassword.substring(0, userColonPassword.indexOf(':')) + ":" + Base64.getEncoder().encodeToString(sha1);
    }

    /** What an operation needs, and how to run it on {@code node}. */
    enum Op {
        GET_DATA(Perms.READ), GET_CHILDREN(Perms.READ), EXISTS(Perms.READ), GET_ALL_CHILDREN_NUMBER(Perms.READ),
        GET_ACL(Perms.READ | Perms.ADMIN), SET_DATA(Perms.WRITE), CREATE_CHILD(Perms.CREATE), DELETE_CHILD(Perms.DELETE),
        SET_ACL(Perms.ADMIN);

        final int needs;

        Op(int needs) {
            this.needs = needs;
        }

        /** Runs the operation as {@code zk}; {@code admin} (a super session) restores what it deletes. */
        void run(ZooKeeper zk, String node, ZooKeeper admin) throws Exception {
            switch (this) {
                case GET_DATA -> zk.getData(node, false, null);
                case GET_CHILDREN -> zk.getChildren(node, false);
                case EXISTS -> zk.exists(node, false);
                case GET_ALL_CHILDREN_NUMBER -> zk.getAllChildrenNumber(node);
                case GET_ACL -> zk.getACL(node, new Stat());
                case SET_DATA -> zk.setData(node, "x".getBytes(StandardCharsets.UTF_8), -1);
                case CREATE_CHILD -> zk.create(node + "/new-" + COUNTER.incrementAndGet(), null, Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                case DELETE_CHILD -> {
                    zk.delete(node + "/kid", -1);
                    admin.create(node + "/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                }
                case SET_ACL -> zk.setACL(node, admin.getACL(node, new Stat()), -1);
            }
        }
    }

    /**
     * One ACL subject: how the node's single entry names it, who it names (insider), and who it does not
     * (outsiders). The {@code auth} subject's node is created by alice with {@code auth:""}, stored as her digest.
     */
    record Subject(String name, Id aclId, String insider, List<String> outsiders) {
        @Override
        public String toString() {
            return name;
        }
    }

    static ZooKeeper client(String name) {
        return switch (name) {
            case "anonymous" -> anonymous;
            case "alice" -> alice;
            case "aliceAgain" -> aliceAgain;
            case "mallory" -> mallory;
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Stream<Arguments> cases() throws Exception {
        List<Subject> subjects = List.of(
                new Subject("world", Ids.ANYONE_ID_UNSAFE, "anonymous", List.of()),
                new Subject("digest", new Id("digest", digestId("alice:secret")), "alice", List.of("anonymous", "mallory")),
                new Subject("ip-address", new Id("ip", "127.0.0.1"), "anonymous", List.of()),
                new Subject("ip-range", new Id("ip", "127.0.0.0/8"), "anonymous", List.of()),
                new Subject("ip-other-range", new Id("ip", "10.0.0.0/8"), null, List.of("anonymous", "alice")),
                new Subject("auth", Ids.AUTH_IDS, "aliceAgain", List.of("anonymous", "mallory")));
        List<Arguments> out = new ArrayList<>();
        for (Subject s : subjects) {
            for (int perm : new int[] {Perms.READ, Perms.WRITE, Perms.CREATE, Perms.DELETE, Perms.ADMIN}) {
                out.add(Arguments.of(s, perm));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} with perms {1}")
    @MethodSource("cases")
    void eachOperationNeedsItsPermission(Subject subject, int perm) throws Exception {
        String node = "/acl-" + subject.name() + "-" + perm;
        List<ACL> acl = new ArrayList<>(List.of(new ACL(perm, subject.aclId())));
        ZooKeeper creator = subject.name().equals("auth") ? alice : admin;
        creator.create(node, "d".getBytes(StandardCharsets.UTF_8), acl, CreateMode.PERSISTENT);
        admin.create(node + "/kid", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        for (Op op : Op.values()) {
            boolean allowed = (op.needs & perm) != 0;
            if (subject.insider() != null) {
                check(client(subject.insider()), op, node, allowed ? Code.OK : Code.NOAUTH, subject.insider());
            }
            for (String outsider : subject.outsiders()) {
                check(client(outsider), op, node, Code.NOAUTH, outsider);
            }
        }
        // The super user passes every check.
        for (Op op : Op.values()) {
            check(admin, op, node, Code.OK, "super");
        }
    }

    private static void check(ZooKeeper zk, Op op, String node, Code expected, String who) throws Exception {
        check(zk, op, node, expected, who, admin);
    }

    /** Runs {@code op} as {@code zk} and asserts the code it gets. */
    static void check(ZooKeeper zk, Op op, String node, Code expected, String who, ZooKeeper admin) throws Exception {
        Code got;
        try {
            op.run(zk, node, admin);
            got = Code.OK;
        } catch (KeeperException e) {
            got = e.code();
        }
        assertEquals(expected, got, () -> who + " " + op + " on " + node);
    }

    @Test
    void getAclWithReadButNotAdminMasksDigestHashes() throws Exception {
        String node = "/masked";
        List<ACL> acl = new ArrayList<>(List.of(new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE),
                new ACL(Perms.ADMIN, new Id("digest", digestId("alice:secret")))));
        admin.create(node, null, acl, CreateMode.PERSISTENT);
        List<ACL> seen = anonymous.getACL(node, new Stat());
        assertEquals(List.of(new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE), new ACL(Perms.ADMIN, new Id("digest", "alice:x"))), seen);
        assertEquals(acl, alice.getACL(node, new Stat()), "ADMIN sees the hashes");
        assertEquals(acl, admin.getACL(node, new Stat()), "so does super");
    }

    @Test
    void existsOfAMissingNodeNeedsNoPermission() throws Exception {
        admin.create("/closed", null, new ArrayList<>(List.of(new ACL(Perms.READ, new Id("ip", "10.0.0.1")))),
                CreateMode.PERSISTENT);
        assertNull(anonymous.exists("/closed/none", false));
        Zk.assertCode(Code.NOAUTH, () -> anonymous.exists("/closed", false));
        Zk.assertCode(Code.NONODE, () -> anonymous.getData("/closed/none", false, null));
    }

    @Test
    void aWrongSuperPasswordIsNotSuper() throws Exception {
        admin.create("/super-only", "s".getBytes(StandardCharsets.UTF_8),
                new ArrayList<>(List.of(new ACL(Perms.ALL, new Id("ip", "10.0.0.1")))), CreateMode.PERSISTENT);
        ZooKeeper notSuper = authed("digest", "super:wrong");
        try {
            Zk.assertCode(Code.NOAUTH, () -> notSuper.getData("/super-only", false, null));
            assertEquals("s", new String(admin.getData("/super-only", false, null), StandardCharsets.UTF_8));
        } finally {
            Zk.closeQuietly(notSuper);
        }
    }
}

package io.corral.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.client.ClientConfig;
import io.corral.client.shell.LaunchOptions;
import io.corral.client.shell.ZkCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shell against the reference server: one-shot runs, scripts over a pipe, and the real main in its own JVM. */
@ExtendWith(ReferenceServerExtension.class)
class ShellE2ETest {
    private static final String NL = System.lineSeparator();
    private static final ClientConfig CONFIG = ClientE2ETest.CONFIG;

    private ReferenceServer server;
    private String root;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp(ReferenceServer server) {
        this.server = server;
        this.root = "/s-" + UUID.randomUUID().toString().substring(0, 8);
        Run created = oneShot("create", root);
        assertEquals(0, created.code(), created.toString());
    }

    private Run oneShot(String... command) {
        return run(server.connectString(), List.of(command), "");
    }

    private Run script(String... lines) {
        return run(server.connectString(), List.of(), String.join("\n", lines) + "\n");
    }

    private static Run run(String connectString, List<String> command, String stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LaunchOptions options = new LaunchOptions(connectString, 10_000, false, false, command);
        int code = ZkCli.run(options, CONFIG, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void oneShotCommandsPrintOnlyTheirOutput() {
        Run create = oneShot("create", root + "/x", "hello");
        assertEquals(new Run(0, "", "Created " + root + "/x" + NL), create);
        assertEquals(new Run(0, "hello" + NL, ""), oneShot("get", root + "/x"));
        assertEquals(new Run(0, "[x]" + NL, ""), oneShot("ls", root));
        assertEquals(0, oneShot("set", root + "/x", "bye", "-v", "0").code());
        assertEquals("bye" + NL, oneShot("get", root + "/x").out());
        assertEquals(new Run(0, "null" + NL, ""), oneShot("get", root),
                "a node created without data shows null");
        assertEquals("'world,'anyone" + NL.replace(NL, "\n") + ": cdrwa" + NL, oneShot("getAcl", root).out());
        assertEquals(new Run(0, "", ""), oneShot("delete", root + "/x"));
    }

    @Test
    void oneShotFailuresExitNonZeroWithZkCliMessages() {
        assertEquals(new Run(1, "", "Node does not exist: " + root + "/none" + NL), oneShot("get", root + "/none"));
        assertEquals(new Run(1, "", "Node does not exist: " + root + "/none" + NL), oneShot("stat", root + "/none"));
        assertEquals(new Run(1, "", "Node already exists: " + root + NL), oneShot("create", root));
        assertEquals(new Run(1, "", "Path must start with / character" + NL), oneShot("ls", "nope"));
        assertEquals(new Run(1, "", "Unrecognized option: -q" + NL), oneShot("ls", "-q", "/"));
        assertEquals(new Run(1, "", "ls [-s] [-w] [-R] path" + NL), oneShot("ls"));
        oneShot("create", root + "/v", "x");
        assertEquals(new Run(1, "", "version No is not valid : " + root + "/v" + NL),
                oneShot("set", "-v", "5", root + "/v", "y"));
        Run unknown = oneShot("bogus");
        assertEquals(127, unknown.code());
        assertTrue(unknown.err().endsWith("Command not found: bogus" + NL), unknown.err());
        assertTrue(unknown.err().contains("\tls [-s] [-w] [-R] path" + NL), unknown.err());
        Run usage = oneShot("get");
        assertEquals(1, usage.code());
        assertTrue(usage.err().startsWith("get [-s] [-w] [-b] [-x] path" + NL + " -b   Output data in base64 format"),
                usage.err());
    }

    @Test
    void unreachableServerFailsWithConnectionLoss() throws IOException {
        Run run = run(ReferenceServer.HOST + ":" + ReferenceServer.freePort(), List.of("ls", "/"), "");
        assertEquals(new Run(1, "", "KeeperErrorCode = ConnectionLoss for /" + NL), run);
    }

    @Test
    void statsAndCreateModes() {
        Run stat = oneShot("stat", root);
        assertTrue(stat.out().startsWith("cZxid = 0x"), stat.out());
        assertTrue(stat.out().contains(NL + "numChildren = 0" + NL), stat.out());
        Run get = oneShot("get", "-s", root);
        assertTrue(get.out().startsWith("null" + NL + "cZxid = 0x"), get.out());

        assertEquals("Created " + root + "/q0000000000" + NL, oneShot("create", "-s", root + "/q").err());
        assertEquals("Created " + root + "/t" + NL, oneShot("create", "-t", "60000", root + "/t", "d").err());
        assertEquals(new Run(1, "", "-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential."
                + NL), oneShot("create", "-c", "-e", root + "/c"));
        assertEquals(new Run(1, "", "TTLs cannot be used with Ephemeral znodes" + NL),
                oneShot("create", "-e", "-t", "10", root + "/c"));
        assertEquals(0, oneShot("create", "-c", root + "/box").code());
        assertEquals("3" + NL, oneShot("getAllChildrenNumber", root).out());
        assertEquals("[]" + NL, oneShot("getEphemerals", root).out(), "a fresh session owns nothing");
        assertEquals("Sync is OK" + NL, oneShot("sync", root).out());
        Run who = oneShot("whoami");
        assertTrue(who.out().startsWith("Auth scheme: User" + NL + "ip: 127.0.0.1"), who.out());
    }

    @Test
    void scriptOverAPipe() {
        String a = root + "/a";
        Run run = script(
                "create " + a + " \"two words\"",
                "get -w " + a,
                "set " + a + " changed",
                "create -e " + a + "/eph",
                "getEphemerals",
                "ls -R " + root,
                "history",
                "redo 1",
                "printwatches",
                "printwatches off",
                "deleteall " + root,
                "ls " + root);
        assertEquals(1, run.code(), "the exit code is the last command's: " + run);
        assertTrue(run.out().startsWith("Connecting to " + server.connectString() + NL), run.out());
        assertTrue(run.out().contains("two words" + NL), run.out());
        assertTrue(run.out().contains(NL + "WATCHER::" + "\n\n" + "WatchedEvent state:SyncConnected type:None"),
                run.out());
        assertTrue(run.out().contains("WatchedEvent state:SyncConnected type:NodeDataChanged path:" + a + " zxid: "),
                run.out());
        assertTrue(run.out().contains("[" + a + "/eph]" + NL), run.out());
        assertTrue(run.out().contains(root + NL + a + NL + a + "/eph" + NL), "ls -R: " + run.out());
        assertTrue(run.out().contains("0 - create " + a + " \"two words\"" + NL + "1 - get -w " + a + NL), run.out());
        assertTrue(run.out().contains("changed" + NL), "redo ran get again: " + run.out());
        assertTrue(run.out().contains("printwatches is on" + NL), run.out());
        assertTrue(run.err().endsWith("Node does not exist: " + root + NL), run.err());
    }

    @Test
    void persistentWatchAndSessionCommandsInAScript() {
        Run run = script(
                "addWatch " + root,
                "create " + root + "/deep",
                "sync " + root,
                "removewatches " + root,
                "close",
                "ls /",
                "connect " + server.connectString() + root,
                "ls /",
                "quit",
                "ls /");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("type:NodeCreated path:" + root + "/deep"), run.out());
        assertTrue(run.out().contains("type:PersistentWatchRemoved path:" + root), run.out());
        assertTrue(run.out().contains("Not connected" + NL), run.out());
        assertTrue(run.out().contains("[deep]" + NL), "the chroot of connect applies: " + run.out());
        assertEquals(1, run.out().split("\\[deep]", -1).length - 1, "nothing runs after quit: " + run.out());
    }

    @Test
    void mainInItsOwnJvmExitsWithTheCommandsCode() throws Exception {
        Path err = Files.createTempFile("zkcli", ".err");
        try {
            Process missing = zkCli(err, "get", root + "/absent");
            assertTrue(missing.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, missing.exitValue());
            assertEquals("Node does not exist: " + root + "/absent",
                    Files.readString(err, StandardCharsets.UTF_8).trim());

            Process ok = zkCli(err, "ls", root);
            assertTrue(ok.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, ok.exitValue());
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private Process zkCli(Path err, String... command) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(ReferenceServer.javaExecutable(), "-cp",
                ReferenceServer.testClasspath(), "io.corral.client.shell.ZkCli", "-server", server.connectString()));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
    }
}

package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.it.support.Distribution;
import io.corral.it.support.Distribution.Result;
import io.corral.it.support.Distribution.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The tools of the unpacked tarball against a server started with bin/zkServer.sh: bin/zkCli.sh one-shot and with
 * commands on stdin, then (server stopped) bin/zkLogInspector.sh on the transaction log it wrote,
 * bin/zkSnapshotInspector.sh and bin/zkCleanup.sh. The order matters: the inspectors read what the shell wrote.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionCliTest {

    private static Distribution dist;
    private static Server server;

    @BeforeAll
    static void startServer() throws Exception {
        dist = Distribution.unpack(DistributionCliTest.class);
        server = dist.standalone("cli.cfg");
        Result start = dist.run("zkServer.sh", "start", server.cfgName());
        assertEquals(0, start.exitCode(), start.toString());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (dist != null) {
            try {
                Distribution.pidOf(server).ifPresent(Distribution::stopByPid);
            } finally {
                dist.close();
            }
        }
    }

    private Result cli(String... args) throws Exception {
        return cliWithInput(null, args);
    }

    private Result cliWithInput(String stdin, String... args) throws Exception {
        String[] all = Stream.concat(Stream.of("-server", server.connectString()), Stream.of(args))
                .toArray(String[]::new);
        return dist.run(dist.home(), Map.of(), stdin, "zkCli.sh", all);
    }

    @Test
    @Order(1)
    void oneShotCommandsPrintTheirOutputAndExitZero() throws Exception {
        Result create = cli("create", "/dist-cli", "first");
        assertEquals(0, create.exitCode(), create.toString());
        // As zkCli does, "Created" goes to stderr: stdout carries only data a script would capture.
        assertEquals("Created /dist-cli", create.stderr().strip(), create.toString());

        Result get = cli("get", "/dist-cli");
        assertEquals(0, get.exitCode(), get.toString());
        assertEquals("first", get.stdout().strip());

        Result set = cli("set", "/dist-cli", "second");
        assertEquals(0, set.exitCode(), set.toString());
        assertEquals("second", cli("get", "/dist-cli").stdout().strip());

        assertEquals(0, cli("create", "/dist-cli/child").exitCode());
        Result ls = cli("ls", "/dist-cli");
        assertEquals(0, ls.exitCode(), ls.toString());
        assertEquals("[child]", ls.stdout().strip());

        Result notEmpty = cli("delete", "/dist-cli");
        assertEquals(1, notEmpty.exitCode(), notEmpty.toString());
        assertTrue(notEmpty.stderr().contains("Node not empty: /dist-cli"), notEmpty.toString());

        assertEquals(0, cli("delete", "/dist-cli/child").exitCode());
        Result delete = cli("delete", "/dist-cli");
        assertEquals(0, delete.exitCode(), delete.toString());

        Result missing = cli("get", "/dist-cli");
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.stderr().contains("Node does not exist: /dist-cli"), missing.toString());
        assertEquals("", missing.stdout().strip());

        Result unknown = cli("frobnicate", "/x");
        assertEquals(127, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.output().contains("Command not found: frobnicate"), unknown.toString());
    }

    @Test
    @Order(2)
    void commandsOnStdinRunInOneSessionAndTheLastOneSetsTheExitCode() throws Exception {
        Result session = cliWithInput(String.join("\n",
                "create /dist-stdin one",
                "get /dist-stdin",
                "set /dist-stdin two",
                "get /dist-stdin",
                "create /dist-stdin/kid",
                "ls /dist-stdin",
                "quit", ""));
        assertEquals(0, session.exitCode(), session.toString());
        String out = session.stdout();
        assertTrue(session.stderr().contains("Created /dist-stdin\n"), session.toString());
        assertTrue(out.contains("one\n") && out.contains("two\n"), session.toString());
        assertTrue(out.contains("[kid]"), session.toString());
        assertTrue(out.indexOf("one\n") < out.indexOf("two\n"), "commands ran out of order: " + session);
        assertFalse(out.contains("[zk:"), "no prompt when stdin is not a terminal: " + session);

        Result failing = cliWithInput("ls /dist-stdin\nget /dist-stdin-missing\n");
        assertEquals(1, failing.exitCode(), failing.toString());
        assertTrue(failing.stdout().contains("[kid]"), failing.toString());
        assertTrue(failing.stderr().contains("Node does not exist: /dist-stdin-missing"), failing.toString());
    }

    @Test
    @Order(3)
    void theInspectorsReadWhatTheServerWroteAndCleanupKeepsThreeSnapshots() throws Exception {
        Result stop = dist.run("zkServer.sh", "stop", server.cfgName());
        assertEquals(0, stop.exitCode(), stop.toString());

        Path versionDir = server.dataDir().resolve("version-2");
        List<Path> logs = list(versionDir, "log.");
        assertFalse(logs.isEmpty(), "no transaction log in " + versionDir);
        StringBuilder listing = new StringBuilder();
        for (Path log : logs) {
            // From a directory other than the install: the argument is a path relative to where the user is.
            Result inspect = dist.run(versionDir, Map.of(), null, "zkLogInspector.sh", log.getFileName().toString());
            assertEquals(0, inspect.exitCode(), inspect.toString());
            listing.append(inspect.stdout());
        }
        String text = listing.toString();
        assertTrue(text.contains("create /dist-cli "), text);
        assertTrue(text.contains("create /dist-cli/child"), text);
        assertTrue(text.contains("setData /dist-cli "), text);
        assertTrue(text.contains("create /dist-stdin "), text);
        assertTrue(text.contains("delete /dist-cli"), text);

        List<Path> snapshots = list(versionDir, "snapshot.");
        assertFalse(snapshots.isEmpty(), "no snapshot in " + versionDir);
        Result snapshot = dist.run("zkSnapshotInspector.sh", snapshots.get(snapshots.size() - 1).toString());
        assertEquals(0, snapshot.exitCode(), snapshot.toString());
        assertTrue(snapshot.stdout().contains("/zookeeper ") && snapshot.stdout().contains("seals OK"),
                snapshot.toString());

        Result cleanup = dist.run("zkCleanup.sh", server.cfgName(), "-n", "3");
        assertEquals(0, cleanup.exitCode(), cleanup.toString());
        assertTrue(cleanup.stderr().contains(server.dataDir().toString()), cleanup.toString());
        assertFalse(list(versionDir, "snapshot.").isEmpty());

        Result tooFew = dist.run("zkCleanup.sh", server.cfgName(), "-n", "1");
        assertEquals(2, tooFew.exitCode(), tooFew.toString());
        assertTrue(tooFew.stderr().contains("at least 3"), tooFew.toString());
    }

    private static List<Path> list(Path dir, String prefix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }
}

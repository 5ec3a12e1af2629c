package io.corral.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.corral.it.support.Distribution;
import io.corral.it.support.Distribution.Result;
import io.corral.it.support.Distribution.Server;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bin/zkServer.sh of the unpacked tarball, driven as a user drives it: start, status, stop, restart,
 * start-foreground stopped with SIGTERM, and the clear refusals (port taken, dataDir not writable, bad config, no
 * Java). Every server is stopped by its pid, by the script under test or by {@link Distribution#close()}.
 */
class DistributionServerScriptTest {

    private static Distribution dist;

    @BeforeAll
    static void unpack() throws Exception {
        dist = Distribution.unpack(DistributionServerScriptTest.class);
    }

    @AfterAll
    static void cleanUp() {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    void startStatusRestartStopFromAnotherDirectory() throws Exception {
        Server server = dist.standalone("lifecycle.cfg");
        // Run from a directory that is not the install: dataDir=data/lifecycle must still land in the install.
        Path elsewhere = dist.scratch("elsewhere");

        Result start = dist.run(elsewhere, Map.of(), null, "zkServer.sh", "start", server.cfgName());
        assertEquals(0, start.exitCode(), start.toString());
        assertTrue(start.stdout().contains("STARTED"), start.toString());
        long pid = Distribution.pidOf(server).orElseThrow();
        assertTrue(Distribution.isAlive(pid), "pid " + pid + " from " + server.pidFile());
        assertTrue(server.pidFile().startsWith(dist.home()), server.pidFile().toString());
        assertFalse(Files.exists(elsewhere.resolve("data")), "relative dataDir resolved against the working directory");
        assertTrue(Distribution.srvr(server).contains("Mode: standalone"));

        // Logging: the file under logs/ has the server's lines; the console (the .out file) does not.
        Path log = dist.logs().resolve("corral-lifecycle.log");
        assertTrue(Files.readString(log).contains("INFO"), "no INFO line in " + log);
        assertFalse(Files.readString(dist.logs().resolve("corral-lifecycle.out")).contains(" INFO "),
                "console logging should be off for start");

        Result status = dist.run(elsewhere, Map.of(), null, "zkServer.sh", "status", server.cfgName());
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.stdout().contains("Mode: standalone"), status.toString());

        Result again = dist.run("zkServer.sh", "start", server.cfgName());
        assertNotEquals(0, again.exitCode(), again.toString());
        assertTrue(again.output().contains("already running as process " + pid), again.toString());

        Result restart = dist.run("zkServer.sh", "restart", server.cfgName());
        assertEquals(0, restart.exitCode(), restart.toString());
        assertTrue(restart.stdout().contains("STOPPED") && restart.stdout().contains("STARTED"), restart.toString());
        assertFalse(Distribution.isAlive(pid), "the first server should be gone after restart");
        long pid2 = Distribution.pidOf(server).orElseThrow();
        assertNotEquals(pid, pid2);
        assertTrue(Distribution.srvr(server).contains("Mode: standalone"));

        Result stop = dist.run(elsewhere, Map.of(), null, "zkServer.sh", "stop", server.cfgName());
        assertEquals(0, stop.exitCode(), stop.toString());
        assertTrue(stop.stdout().contains("STOPPED"), stop.toString());
        assertFalse(Distribution.isAlive(pid2), "stop returned before process " + pid2 + " exited");
        assertFalse(Files.exists(server.pidFile()));

        Result down = dist.run("zkServer.sh", "status", server.cfgName());
        assertEquals(1, down.exitCode(), down.toString());
        assertTrue(down.stderr().contains("probably not running"), down.toString());
    }

    @Test
    void startForegroundRunsTheServerInPlaceOfTheShellAndStopsOnSigterm() throws Exception {
        Server server = dist.standalone("foreground.cfg");
        Process process = dist.spawn("zkServer.sh", "start-foreground", server.cfgName());
        long pid = process.pid();
        try {
            await("srvr answers").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("start-foreground exited with " + process.exitValue());
                        }
                        String srvr = Distribution.srvr(server);
                        return srvr != null && srvr.contains("Mode: standalone");
                    });
            // exec: the script's own pid is now the JVM's, and the pid file says so.
            assertEquals(pid, Distribution.pidOf(server).orElseThrow());
            String cmdline = Files.readString(Paths.get("/proc", Long.toString(pid), "cmdline"))
                    .replace('\0', ' ');
            assertTrue(cmdline.contains("io.corral.server.Main"), cmdline);

            Result status = dist.run("zkServer.sh", "status", server.cfgName());
            assertEquals(0, status.exitCode(), status.toString());
        } finally {
            Distribution.stopByPid(pid);
        }
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        // 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal.
        assertEquals(143, process.exitValue());
    }

    @Test
    void aPortInUseIsReportedBeforeStarting() throws Exception {
        Server server = dist.standalone("busy.cfg");
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(Distribution.HOST, server.port()));
            Result start = dist.run("zkServer.sh", "start", server.cfgName());
            assertNotEquals(0, start.exitCode(), start.toString());
            assertTrue(start.stderr().contains("client port " + Distribution.HOST + ":" + server.port()
                    + " is already in use"), start.toString());
            assertFalse(start.stdout().contains("STARTED"), start.toString());
        }
        assertTrue(Distribution.pidOf(server).isEmpty(), "no server should have been started");
    }

    @Test
    void aDataDirThatCannotBeCreatedIsReported() throws Exception {
        Path blocker = dist.scratch("blocker").resolve("a-file");
        Files.writeString(blocker, "not a directory");
        Path cfg = dist.writeConfig("blocked.cfg", dist.conf().resolve("zoo.cfg"),
                Map.of("clientPort", "1", "dataDir", blocker.resolve("data").toString()));
        Result start = dist.run("zkServer.sh", "start", cfg.getFileName().toString());
        assertNotEquals(0, start.exitCode(), start.toString());
        assertTrue(start.stderr().contains("cannot create dataDir '" + blocker.resolve("data") + "'"), start.toString());
        assertTrue(start.stderr().contains("Not a directory"), start.toString());
    }

    @Test
    void aDataDirThatIsNotWritableIsReported() throws Exception {
        Path readOnly = dist.scratch("read-only-data");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(readOnly), "permission bits do not bind this user (root)");
            Path cfg = dist.writeConfig("readonly.cfg", dist.conf().resolve("zoo.cfg"),
                    Map.of("clientPort", "1", "dataDir", readOnly.toString()));
            Result start = dist.run("zkServer.sh", "start", cfg.getFileName().toString());
            assertNotEquals(0, start.exitCode(), start.toString());
            assertTrue(start.stderr().contains("dataDir '" + readOnly + "'") && start.stderr().contains("not writable"),
                    start.toString());
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aConfigurationTheServerRefusesIsReportedWithTheServersOwnMessage() throws Exception {
        Server server = dist.standalone("badtick.cfg");
        dist.writeConfig("badtick.cfg", dist.conf().resolve("badtick.cfg"), Map.of("tickTime", "soon"));
        Result start = dist.run("zkServer.sh", "start", server.cfgName());
        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(start.stdout().contains("FAILED"), start.toString());
        assertTrue(start.stderr().contains("exit code 2"), start.toString());
        assertTrue(start.stderr().contains("Invalid value 'soon' for tickTime"), start.toString());
        assertFalse(Files.exists(server.pidFile()), "the pid file of a failed start should be removed");
    }

    @Test
    void withoutJavaTheScriptsSaySo() throws Exception {
        Path emptyPath = dist.scratch("empty-path");
        String bash = findOnPath("bash");
        for (String script : List.of("zkServer.sh", "zkCli.sh")) {
            Result r = dist.runWithEnvironment(
                    Map.of("PATH", emptyPath.toString(), "JAVA_HOME", "/nonexistent-java-home"),
                    List.of(bash, dist.home().resolve("bin").resolve(script).toString(), "start"));
            assertEquals(1, r.exitCode(), script + ": " + r);
            assertTrue(r.stderr().contains("Java not found") && r.stderr().contains("Java 17"), script + ": " + r);
        }
    }

    @Test
    void versionAndPrintCmd() throws Exception {
        Result version = dist.run("zkServer.sh", "version");
        assertEquals(0, version.exitCode(), version.toString());
        String expected = dist.home().getFileName().toString().substring("corral-".length());
        assertTrue(version.stdout().contains("Corral, version " + expected), version.toString());

        Result cmd = dist.run(dist.home(), Map.of("JMXPORT", "9999", "SERVER_JVMFLAGS", "-Dcorral.test.flag=1"), null,
                "zkServer.sh", "print-cmd");
        assertEquals(0, cmd.exitCode(), cmd.toString());
        assertTrue(cmd.stdout().contains("io.corral.server.Main"), cmd.toString());
        assertTrue(cmd.stdout().contains("-Dcom.sun.management.jmxremote.port=9999"), cmd.toString());
        assertTrue(cmd.stdout().contains("-Dcorral.test.flag=1"), cmd.toString());
        assertTrue(cmd.stdout().contains("logback.xml"), cmd.toString());

        Result noJmx = dist.run(dist.home(), Map.of("JMXDISABLE", "true"), null, "zkServer.sh", "print-cmd");
        assertFalse(noJmx.stdout().contains("jmxremote"), noJmx.toString());

        Result usage = dist.run("zkServer.sh", "frobnicate");
        assertEquals(2, usage.exitCode(), usage.toString());
        assertTrue(usage.stderr().contains("Usage:"), usage.toString());
    }

    private static String findOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(program + " not found on PATH");
    }
}

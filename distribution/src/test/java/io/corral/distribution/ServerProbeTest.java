package io.corral.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The probe against a socket standing in for a server: no server process, no sleeps. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerProbeTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ServerProbe.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Answers every connection's four bytes with {@code reply}, then closes it, until the socket is closed. */
    private static Thread answer(ServerSocket socket, String reply) {
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket c = socket.accept()) {
                    c.getInputStream().readNBytes(4);
                    c.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-server");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static ServerSocket listen() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    @Test
    void srvrPrintsTheReply() throws IOException {
        try (ServerSocket socket = listen()) {
            answer(socket, "Zookeeper version: x\nMode: standalone\n");
            assertEquals(0, run("srvr", "127.0.0.1", Integer.toString(socket.getLocalPort())));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("Mode: standalone"));
        }
    }

    @Test
    void srvrWithNobodyListeningFails() throws IOException {
        int port;
        try (ServerSocket socket = listen()) {
            port = socket.getLocalPort();
        }
        assertEquals(1, run("srvr", "127.0.0.1", Integer.toString(port)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("No answer from 127.0.0.1:" + port));
    }

    @Test
    void awaitReturnsOnceAModeIsReported() throws IOException {
        try (ServerSocket socket = listen()) {
            answer(socket, "Mode: standalone\n");
            long self = ProcessHandle.current().pid();
            assertEquals(0, run("await", "127.0.0.1", Integer.toString(socket.getLocalPort()), Long.toString(self), "10"));
        }
    }

    @Test
    void awaitGivesUpWhenTheProcessIsGone() throws Exception {
        Process done = new ProcessBuilder("true").start();
        assertTrue(done.waitFor(10, TimeUnit.SECONDS));
        try (ServerSocket socket = listen()) {
            assertEquals(3, run("await", "127.0.0.1", Integer.toString(socket.getLocalPort()),
                    Long.toString(done.pid()), "10"));
        }
    }

    @Test
    void anEnsembleMemberWaitingForItsQuorumCountsAsStarted() throws IOException {
        try (ServerSocket socket = listen()) {
            answer(socket, "This ZooKeeper instance is not currently serving requests\n");
            long self = ProcessHandle.current().pid();
            assertEquals(0, run("await", "127.0.0.1", Integer.toString(socket.getLocalPort()), Long.toString(self), "0"));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("Waiting for a quorum"));
        }
    }

    @Test
    void awaitTimesOutWhileNothingAnswers() throws IOException {
        int closedPort;
        try (ServerSocket socket = listen()) {
            closedPort = socket.getLocalPort();
        }
        long self = ProcessHandle.current().pid();
        assertEquals(4, run("await", "127.0.0.1", Integer.toString(closedPort), Long.toString(self), "0"));
    }

    @Test
    void portFreeSaysWhetherThePortCanBeBound() throws IOException {
        try (ServerSocket socket = listen()) {
            assertEquals(1, run("port-free", "127.0.0.1", Integer.toString(socket.getLocalPort())));
            assertTrue(err.toString(StandardCharsets.UTF_8).toLowerCase().contains("in use"));
        }
        int port;
        try (ServerSocket socket = listen()) {
            port = socket.getLocalPort();
        }
        assertEquals(0, run("port-free", "127.0.0.1", Integer.toString(port)));
    }

    @Test
    void badArgumentsPrintTheUsage() {
        assertEquals(2, run("srvr", "127.0.0.1"));
        assertEquals(2, run("srvr", "127.0.0.1", "99999"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: ServerProbe"));
    }
}

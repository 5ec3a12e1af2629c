package io.corral.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.RequestHeader;
import org.apache.zookeeper.proto.SetDataRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.corral.it.support.EventRecorder;
import io.corral.it.support.RawClient;
import io.corral.it.support.ServerProcess;
import io.corral.it.support.Zk;

/**
 * Malformed input on the client port: the offending connection is closed, and a client that was already connected
 * keeps working without even noticing.
 */
class BadInputTest {

    private static final int MAX_BUFFER = 65_536;
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);

    private static ServerProcess server;
    private static ZooKeeper witness;
    private static EventRecorder witnessEvents;
    private static long witnessSession;
    private static int witnessRound;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.builder(BadInputTest.class).juteMaxBuffer(MAX_BUFFER).start();
        witnessEvents = new EventRecorder("witness");
        witness = Zk.connect(server.connectString(), Zk.DEFAULT_SESSION_TIMEOUT_MS, witnessEvents);
        witnessSession = witness.getSessionId();
        witness.create("/witness", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        witness.create("/witness-eph", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    }

    @AfterAll
    static void stop() {
        Zk.closeQuietly(witness);
        if (server != null) {
            server.stop();
        }
    }

    /** After every test: the already-connected client still works, on the same session and connection. */
    @AfterEach
    void witnessStillWorks() throws Exception {
        byte[] value = ("round-" + (++witnessRound)).getBytes(StandardCharsets.UTF_8);
        witness.setData("/witness", value, -1);
        assertArrayEquals(value, witness.getData("/witness", false, null));
        assertEquals(witnessSession, witness.exists("/witness-eph", false).getEphemeralOwner());
        assertEquals(1, witnessEvents.events().size(), () -> "the witness never lost its connection: " + witnessEvents);
        assertEquals(KeeperState.SyncConnected, witnessEvents.events().get(0).getState());
        assertEquals("imok", server.fourLetter("ruok"));
    }

    private static void assertClosed(RawClient raw, String what) {
        assertTrue(raw.awaitClosed(CLOSE_WITHIN), "server closed the connection after " + what);
    }

    /** Writes, tolerating a server that already closed the connection. */
    private static void writeQuietly(RawClient raw, byte[] bytes) {
        try {
            raw.writeRaw(bytes);
        } catch (IOException closedAlready) {
            // the server may close before it has read everything
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomBytesAsTheFirstFrame(long seed) throws Exception {
        byte[] payload = new byte[256];
        new Random(seed).nextBytes(payload);
        try (RawClient raw = RawClient.open(server)) {
            writeQuietly(raw, RawClient.frame(payload));
            assertClosed(raw, "a random first frame");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7fffffff, MAX_BUFFER + 1, -1, -100, Integer.MIN_VALUE})
    void impossibleLengthPrefixOnTheFirstFrame(int length) throws Exception {
        try (RawClient raw = RawClient.open(server)) {
            writeQuietly(raw, RawClient.intBytes(length));
            writeQuietly(raw, new byte[64]);
            assertClosed(raw, "length prefix " + length);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x7fffffff, MAX_BUFFER + 1, -1, Integer.MIN_VALUE})
    void impossibleLengthPrefixAfterTheHandshake(int length) throws Exception {
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            writeQuietly(raw, RawClient.intBytes(length));
            writeQuietly(raw, new byte[64]);
            assertClosed(raw, "length prefix " + length + " on an established session");
        }
    }

    @Test
    void truncatedConnectRequestThenHalfClose() throws Exception {
        byte[] full = RawClient.newSessionConnectRequest(10_000);
        try (RawClient raw = RawClient.open(server)) {
            raw.writeRaw(RawClient.intBytes(full.length));
            raw.writeRaw(Arrays.copyOf(full, 20));
            raw.shutdownOutput();
            assertClosed(raw, "a truncated ConnectRequest and EOF");
        }
    }

    @Test
    void connectRequestShorterThanItsFields() throws Exception {
        byte[] full = RawClient.newSessionConnectRequest(10_000);
        try (RawClient raw = RawClient.open(server)) {
            // a complete frame whose record stops in the middle of the password
            raw.writeFrame(Arrays.copyOf(full, 30));
            assertClosed(raw, "a ConnectRequest cut short inside its frame");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {999, 23, 10, 0, -3})
    void unknownOpcodeGetsUnimplementedThenClose(int opcode) throws Exception {
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            raw.send(7, opcode, null);
            RawClient.Reply reply = raw.readReply();
            assertEquals(7, reply.header.getXid());
            assertEquals(KeeperException.Code.UNIMPLEMENTED.intValue(), reply.err());
            assertEquals(0, reply.remainingBytes(), "header only");
            assertClosed(raw, "opcode " + opcode);
        }
    }

    @Test
    void requestBeforeAnyConnectRequest() throws Exception {
        try (RawClient raw = RawClient.open(server)) {
            writeQuietly(raw, RawClient.frame(RawClient.serialize(new RequestHeader(1, OpCode.getData), new GetDataRequest("/witness", false))));
            assertClosed(raw, "a getData before the handshake");
        }
    }

    @Test
    void frameOverJuteMaxBufferIsRejectedAndOneAtTheLimitAccepted() throws Exception {
        // a setData whose whole frame payload is exactly jute.maxbuffer bytes is fine
        byte[] header = RawClient.serialize(new RequestHeader(1, OpCode.setData));
        int overhead = header.length + RawClient.serialize(new SetDataRequest("/witness", new byte[0], -1)).length;
        try (RawClient raw = RawClient.open(server)) {
            raw.handshake(10_000);
            byte[] atLimit = RawClient.serialize(new RequestHeader(1, OpCode.setData),
                    new SetDataRequest("/witness", new byte[MAX_BUFFER - overhead], -1));
            assertEquals(MAX_BUFFER, atLimit.length);
            raw.writeFrame(atLimit);
            assertEquals(0, raw.readReply(1).err());

            byte[] overLimit = RawClient.serialize(new RequestHeader(2, OpCode.setData),
                    new SetDataRequest("/witness", new byte[MAX_BUFFER - overhead + 1], -1));
            assertEquals(MAX_BUFFER + 1, overLimit.length);
            writeQuietly(raw, RawClient.frame(overLimit));
            assertClosed(raw, "a frame one byte over jute.maxbuffer");
        }
        assertEquals(MAX_BUFFER - overhead, witness.exists("/witness", false).getDataLength());
    }

    @Test
    void javaClientWritingOverJuteMaxBufferLosesItsConnectionButNotItsSession() throws Exception {
        EventRecorder events = new EventRecorder("big-writer");
        ZooKeeper zk = Zk.connect(server.connectString(), Zk.DEFAULT_SESSION_TIMEOUT_MS, events);
        try {
            long session = zk.getSessionId();
            zk.create("/big-ok", new byte[MAX_BUFFER - 1024], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            Zk.assertCode(KeeperException.Code.CONNECTIONLOSS,
                    () -> zk.create("/big-too-big", new byte[MAX_BUFFER + 1024], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            events.awaitState(KeeperState.Disconnected);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .ignoreException(KeeperException.ConnectionLossException.class)
                    .until(() -> zk.exists("/big-ok", false) != null);
            assertEquals(session, zk.getSessionId());
            assertEquals(null, zk.exists("/big-too-big", false));
        } finally {
            Zk.closeQuietly(zk);
        }
    }
}

package io.corral.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.protocol.Code;
import io.corral.protocol.KeeperState;
import io.corral.protocol.OpCode;
import io.corral.protocol.Xid;
import io.corral.protocol.data.Stat;
import io.corral.protocol.proto.AuthPacket;
import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.GetDataRequest;
import io.corral.protocol.proto.GetDataResponse;
import io.corral.protocol.proto.ReplyHeader;
import io.corral.protocol.proto.SetWatches;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connection's behaviour against a scripted server: handshake, pipelining after reconnect, pings, timeouts. */
class ConnectionLoopTest {
    private static final long SESSION = 0x0100_0000_1234_0000L;
    private static final Stat STAT = new Stat(1, 7, 0, 0, 0, 0, 0, 0, 1, 0, 1);

    private FakeServer server;
    private ZkClient client;
    private final List<WatchedEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private ZkClient connect(int sessionTimeoutMs) {
        ClientConfig config = ClientConfig.defaults()
                .withSessionTimeoutMs(sessionTimeoutMs)
                .withReconnectDelayMaxMs(10)
                .withRequestTimeoutMs(5_000);
        client = new ZkClient(server.connectString(), config, events::add, 0, null, new Random(1));
        return client;
    }

    @Test
    void newSessionHandshakeAsksForTheTimeoutWithZeroIdAndPassword() throws Exception {
        connect(12_000);
        try (FakeServer.Conn conn = server.accept()) {
            ConnectRequest request = conn.readConnectRequest();
            assertEquals(0, request.protocolVersion());
            assertEquals(0, request.sessionId());
            assertEquals(12_000, request.timeOut());
            assertEquals(0, request.lastZxidSeen());
            assertArrayEquals(new byte[16], request.passwd());
            conn.accept(SESSION, 9_000);
            assertTrue(client.awaitConnected(Duration.ofSeconds(5)));
            assertEquals(SESSION, client.sessionId());
            assertEquals(9_000, client.negotiatedTimeoutMs());
        }
    }

    @Test
    void timeoutZeroMeansExpired() throws Exception {
        connect(10_000);
        try (FakeServer.Conn conn = server.accept()) {
            conn.readConnectRequest();
            conn.accept(0, 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> client.state() == ClientState.CLOSED);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(
                    e -> e.state() == KeeperState.EXPIRED && e.path() == null));
            ZkException e = assertThrows(ZkException.class, () -> client.getData("/a", false));
            assertEquals(Code.SESSIONEXPIRED, e.code());
        }
    }

    @Test
    void reconnectResumesTheSessionAndPipelinesAuthAndWatches() throws Exception {
        connect(10_000);
        FakeServer.Conn first = server.accept();
        first.readConnectRequest();
        first.accept(SESSION, 10_000);
        assertTrue(client.awaitConnected(Duration.ofSeconds(5)));

        CompletableFuture<DataAndStat> read = CompletableFuture.supplyAsync(() -> call(() -> client.getData("/a", true)));
        FakeServer.Request request = first.readRequest();
        assertEquals(OpCode.GET_DATA, request.header().type());
        assertEquals(1, request.header().xid(), "xids start at 1");
        assertEquals(new GetDataRequest("/a", true), GetDataRequest.read(request.body()));
        first.send(new ReplyHeader(1, 0x42, Code.OK), new GetDataResponse("v".getBytes(StandardCharsets.UTF_8), STAT));
        assertEquals("v", new String(read.get(5, TimeUnit.SECONDS).data(), StandardCharsets.UTF_8));

        CompletableFuture<Void> login = CompletableFuture.runAsync(
                () -> call(() -> {
                    client.addAuth("digest", "u:p".getBytes(StandardCharsets.UTF_8));
                    return null;
                }));
        FakeServer.Request authRequest = first.readRequest();
        assertEquals(new io.corral.protocol.proto.RequestHeader(Xid.AUTH, OpCode.AUTH), authRequest.header());
        first.send(new ReplyHeader(Xid.AUTH, 0, Code.OK), null);
        login.get(5, TimeUnit.SECONDS);

        first.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(
                e -> e.state() == KeeperState.DISCONNECTED));

        try (FakeServer.Conn second = server.accept()) {
            ConnectRequest resume = second.readConnectRequest();
            assertEquals(SESSION, resume.sessionId());
            assertEquals(0x42, resume.lastZxidSeen());
            FakeServer.Request replayedAuth = second.readRequest();
            assertEquals(Xid.AUTH, replayedAuth.header().xid());
            assertEquals(new AuthPacket(0, "digest", null).scheme(), AuthPacket.read(replayedAuth.body()).scheme());
            FakeServer.Request setWatches = second.readRequest();
            assertEquals(Xid.SET_WATCHES, setWatches.header().xid());
            assertEquals(OpCode.SET_WATCHES, setWatches.header().type());
            assertEquals(new SetWatches(0x42, List.of("/a"), List.of(), List.of()), SetWatches.read(setWatches.body()));
            second.accept(SESSION, 10_000);
            second.send(new ReplyHeader(Xid.AUTH, 0, Code.OK), null);
            second.send(new ReplyHeader(Xid.SET_WATCHES, 0x42, Code.OK), null);
            assertTrue(client.awaitConnected(Duration.ofSeconds(5)));

            CompletableFuture<Stat> exists = CompletableFuture.supplyAsync(() -> call(() -> client.exists("/b", false)));
            FakeServer.Request next = second.readRequest();
            assertEquals(2, next.header().xid(), "xids go on across connections");
            second.send(new ReplyHeader(2, 0x43, Code.NONODE), null);
            assertEquals(null, exists.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void idleClientPings() throws Exception {
        connect(10_000);
        try (FakeServer.Conn conn = server.accept()) {
            conn.readConnectRequest();
            conn.accept(SESSION, 1_500);
            // readTimeout 1 s, so a ping must come after about 500 ms idle; the read below waits up to 5 s.
            FakeServer.Request ping = conn.readRequest();
            assertEquals(new io.corral.protocol.proto.RequestHeader(Xid.PING, OpCode.PING), ping.header());
            conn.send(new ReplyHeader(Xid.PING, 0, Code.OK), null);
            assertEquals(Xid.PING, conn.readRequest().header().xid(), "and keeps pinging");
        }
    }

    @Test
    void silentServerIsDroppedAfterTheReadTimeout() throws Exception {
        connect(10_000);
        try (FakeServer.Conn conn = server.accept()) {
            conn.readConnectRequest();
            conn.accept(SESSION, 300);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(
                    e -> e.state() == KeeperState.DISCONNECTED));
        }
        try (FakeServer.Conn again = server.accept()) {
            assertEquals(SESSION, again.readConnectRequest().sessionId());
        }
    }

    @Test
    void requestsInFlightFailWithConnectionLossWhenTheConnectionDrops() throws Exception {
        connect(10_000);
        FakeServer.Conn conn = server.accept();
        conn.readConnectRequest();
        conn.accept(SESSION, 10_000);
        CompletableFuture<DataAndStat> read = CompletableFuture.supplyAsync(() -> call(() -> client.getData("/a", false)));
        conn.readRequest();
        conn.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(5, TimeUnit.SECONDS));
        assertEquals(Code.CONNECTIONLOSS, ((ZkException) e.getCause().getCause()).code());
    }

    @Test
    void closeSendsCloseSessionAndReportsClosed() throws Exception {
        connect(10_000);
        FakeServer.Conn conn = server.accept();
        conn.readConnectRequest();
        conn.accept(SESSION, 10_000);
        assertTrue(client.awaitConnected(Duration.ofSeconds(5)));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(client::close);
        FakeServer.Request close = conn.readRequest();
        assertEquals(OpCode.CLOSE_SESSION, close.header().type());
        conn.send(new ReplyHeader(close.header().xid(), 9, Code.OK), null);
        conn.close();
        closing.get(5, TimeUnit.SECONDS);
        assertEquals(ClientState.CLOSED, client.state());
        assertEquals(KeeperState.CLOSED, events.get(events.size() - 1).state());
        assertTrue(events.stream().noneMatch(e -> e.state() == KeeperState.DISCONNECTED),
                "a close is not reported as a disconnect");
    }

    /** Lets a blocking client call run in a CompletableFuture. */
    interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}

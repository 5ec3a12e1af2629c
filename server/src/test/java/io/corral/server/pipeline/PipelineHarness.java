package io.corral.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceContext;
import io.corral.api.persistence.SnapshotStore;
import io.corral.api.persistence.TxnLog;
import io.corral.persistence.memory.MemoryPersistenceProvider;
import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.data.ACL;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.CreateRequest;
import io.corral.protocol.proto.CreateResponse;
import io.corral.server.auth.AuthRegistry;
import io.corral.server.config.ConfigException;
import io.corral.server.config.ConfigLoader;
import io.corral.server.config.ServerConfig;
import io.corral.server.monitor.ServerStats;
import io.corral.server.persist.Recovery;
import io.corral.server.time.ManualClock;
import io.corral.server.tree.DataTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A started pipeline with a manual clock, an in-memory log and socketless clients. */
abstract class PipelineHarness {
    static final List<ACL> OPEN = DataTree.OPEN_ACL;
    static final int TICK_MS = 3000;

    @TempDir
    Path dataDir;
    final ManualClock clock = new ManualClock();
    GatedLog log;
    private PersistenceBackend backend;
    final ServerStats stats = new ServerStats();
    Pipeline pipeline;
    private final List<Client> clients = new ArrayList<>();

    /** Extra zoo.cfg values for a test class. */
    Map<String, String> extraConfig() {
        return Map.of();
    }

    @BeforeEach
    void startPipeline() throws ConfigException, IOException {
        Map<String, String> cfg = new HashMap<>(extraConfig());
        cfg.put("dataDir", dataDir.toString());
        cfg.put("tickTime", Integer.toString(TICK_MS));
        ServerConfig config = ConfigLoader.fromValues(cfg, Map.of(), "test");
        PersistenceBackend memory = new MemoryPersistenceProvider()
                .open(new PersistenceContext(config.dataDir(), config.dataLogDir(), config.settings()));
        log = new GatedLog(memory.log());
        backend = new PersistenceBackend() {
            @Override
            public TxnLog log() {
                return log;
            }

            @Override
            public SnapshotStore snapshots() {
                return memory.snapshots();
            }

            @Override
            public void purge(int retainCount) throws IOException {
                memory.purge(retainCount);
            }

            @Override
            public void close() throws IOException {
                memory.close();
            }
        };
        Recovery.Recovered recovered = Recovery.recover(backend, config.extendedTypesEnabled(), config.tickTimeMs(), clock);
        pipeline = new Pipeline(config, 1, clock, backend, recovered,
                AuthRegistry.load(config.auth(), config.settings(), getClass().getClassLoader()), stats);
        pipeline.start();
    }

    @AfterEach
    void stopPipeline() throws InterruptedException, IOException {
        log.release();
        pipeline.stop();
        backend.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs {@code query} on the pipeline thread, after every event posted before it. */
    <T> T onPipeline(Supplier<T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pipeline.inspect(() -> {
            try {
                result.complete(query.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(FakeLink.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the pipeline did not answer the query", e);
        }
    }

    /** Waits until every event posted so far has run on the pipeline thread. */
    void barrier() {
        onPipeline(() -> Boolean.TRUE);
    }

    Client connect(int timeoutMs) {
        Client c = open();
        c.handshake(new ConnectRequest(0, 0, timeoutMs, 0, new byte[16], false), false);
        FakeLink.Connected r = c.link.nextConnected();
        c.sessionId = r.response().sessionId();
        c.password = r.response().passwd();
        c.timeoutMs = r.response().timeOut();
        return c;
    }

    Client connect() {
        return connect(10_000);
    }

    /** A connection that has not sent its ConnectRequest yet. */
    Client open() {
        FakeLink link = new FakeLink();
        Client c = new Client(link, pipeline.newConnection(link));
        clients.add(c);
        return c;
    }

    final class Client {
        final FakeLink link;
        final ConnectionState conn;
        long sessionId;
        byte[] password;
        int timeoutMs;
        private int nextXid = 1;

        Client(FakeLink link, ConnectionState conn) {
            this.link = link;
            this.conn = conn;
        }

        void handshake(ConnectRequest request, boolean legacy) {
            pipeline.connect(conn, request, legacy);
        }

        /** Sends a request without waiting; returns its xid. */
        int submit(int type, Record body) {
            int xid = nextXid++;
            submit(xid, type, body);
            return xid;
        }

        void submit(int xid, int type, Record body) {
            pipeline.submit(new Request(conn, xid, type, body, System.nanoTime()));
        }

        FakeLink.Reply call(int type, Record body) {
            return link.replyTo(submit(type, body));
        }

        FakeLink.Reply create(String path, int flags) {
            return call(OpCode.CREATE, new CreateRequest(path, bytes(path), OPEN, flags));
        }

        String createOk(String path, int flags) {
            FakeLink.Reply r = create(path, flags);
            assertEquals(Code.OK, r.err(), () -> "create " + path + ": " + Code.name(r.err()));
            return r.decode(CreateResponse::read).path();
        }

        FakeLink.Reply ping() {
            pipeline.submit(new Request(conn, -2, OpCode.PING, null, System.nanoTime()));
            return link.replyTo(-2);
        }
    }
}

package io.corral.server.net;

import io.corral.testsupport.TestPki;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.server.config.TlsConfig;
import io.corral.server.config.TlsConfig.ClientAuth;
import io.corral.server.config.TlsConfig.Store;
import io.corral.server.config.TlsConfig.StoreType;
import io.corral.server.net.tls.TlsEngineFactory;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TLS layer over a real loopback socket: a client SSLSocket on the test thread, and on a driver thread the
 * server side of a connection as ClientConnection drives it (non-blocking channel, selector, fill / unwrapInto /
 * wrap / writeNet), echoing every plaintext byte back.
 */
class TlsLayerTest {
    @TempDir
    Path dir;
    private TestPki pki;
    private TestPki.Identity client;
    private ServerSocketChannel listener;
    private final ExecutorService driver = Executors.newSingleThreadExecutor();
    private final Set<String> taskThreads = ConcurrentHashMap.newKeySet();
    private final ExecutorService tasks = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(() -> {
            taskThreads.add(Thread.currentThread().getName());
            r.run();
        }, "tls-task-test");
        t.setDaemon(true);
        return t;
    });

    @BeforeEach
    void setUp() throws Exception {
        pki = new TestPki("CN=Test CA");
        client = pki.issue("CN=client");
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void tearDown() throws IOException {
        listener.close();
        driver.shutdownNow();
        tasks.shutdownNow();
    }

    private TlsEngineFactory engines(ClientAuth auth, List<String> protocols) throws Exception {
        Path keys = TestPki.writeKeyStore(pki.issue("CN=server"), dir.resolve("server.p12"), "PKCS12", "pw");
        Path trust = pki.writeTrustStore(dir.resolve("trust.p12"), "PKCS12", "pw");
        return new TlsEngineFactory(new TlsConfig(1, null, new Store(keys.toString(), "pw", StoreType.PKCS12, "ssl.keyStore"),
                new Store(trust.toString(), "pw", StoreType.PKCS12, "ssl.trustStore"), auth, "TLSv1.3", protocols,
                List.of(), false, "x509"));
    }

    /** What the driver saw of its connection. */
    static final class Observed {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile List<java.security.cert.X509Certificate> peer = List.of();
        volatile String protocol;
        volatile boolean inboundClosed;
        final AtomicInteger echoed = new AtomicInteger();
    }

    /** Serves one connection: echoes plaintext until the client goes away. */
    private Future<?> serveOne(TlsEngineFactory engines, Observed seen) {
        return driver.submit(() -> {
            try (SocketChannel ch = listener.accept(); Selector selector = Selector.open()) {
                ch.configureBlocking(false);
                SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
                TlsLayer[] holder = new TlsLayer[1];
                TlsLayer tls = new TlsLayer(engines.newEngine((InetSocketAddress) ch.getRemoteAddress()), tasks,
                        selector::wakeup, () -> {
                            seen.events.add("handshake");
                            seen.peer = holder[0].peerCertificates();
                        });
                holder[0] = tls;
                ByteBuffer plain = ByteBuffer.allocate(3000); // smaller than a record: exercises leftovers in appIn
                java.util.ArrayDeque<ByteBuffer> pending = new java.util.ArrayDeque<>();
                while (true) {
                    selector.select(1000);
                    selector.selectedKeys().clear();
                    if (tls.fill(ch) < 0) {
                        return null;
                    }
                    boolean progress = true;
                    while (progress) {
                        plain.clear();
                        int n = tls.unwrapInto(plain);
                        plain.flip();
                        if (n > 0) {
                            if (!seen.events.contains("data")) {
                                seen.events.add("data");
                            }
                            ByteBuffer copy = ByteBuffer.allocate(n);
                            copy.put(plain).flip();
                            pending.add(copy);
                        }
                        long before = tls.wrapped();
                        ByteBuffer[] srcs = pending.toArray(new ByteBuffer[0]);
                        seen.echoed.addAndGet((int) tls.wrap(srcs, 0, srcs.length));
                        while (!pending.isEmpty() && !pending.peek().hasRemaining()) {
                            pending.poll();
                        }
                        while (!tls.writeNet(ch)) {
                            Thread.onSpinWait(); // the socket is full: the client is reading, it drains soon
                        }
                        progress = n > 0 || tls.wrapped() != before;
                    }
                    seen.protocol = tls.handshakeDone() ? tls.protocol() : null;
                    if (tls.inboundClosed()) {
                        seen.inboundClosed = true;
                        tls.closeOutbound();
                        tls.writeNet(ch);
                        return null;
                    }
                    key.interestOps(tls.taskRunning() ? 0 : SelectionKey.OP_READ);
                }
            }
        });
    }

    private SSLSocket connect(TestPki.Identity id, String protocol) throws Exception {
        SSLSocket s = (SSLSocket) pki.clientContext(id, protocol).getSocketFactory()
                .createSocket("127.0.0.1", ((InetSocketAddress) listener.getLocalAddress()).getPort());
        s.setSoTimeout(20_000);
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void echoesAMegabyteBothWaysAndSeesTheClientCertificateFirst(String protocol) throws Exception {
        Observed seen = new Observed();
        Future<?> served = serveOne(engines(ClientAuth.NEED, List.of("TLSv1.3", "TLSv1.2")), seen);
        byte[] data = new byte[1 << 20];
        new Random(42).nextBytes(data);
        try (SSLSocket s = connect(client, protocol)) {
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] back = new byte[data.length];
            Future<?> reader = Executors.newSingleThreadExecutor().submit(() -> {
                in.readFully(back);
                return null;
            });
            for (int off = 0; off < data.length; off += 10_000) {
                out.write(data, off, Math.min(10_000, data.length - off));
            }
            out.flush();
            reader.get(30, TimeUnit.SECONDS);
            assertArrayEquals(data, back);
        }
        served.get(30, TimeUnit.SECONDS);
        assertEquals(protocol, seen.protocol);
        assertEquals(List.of("handshake", "data"), seen.events, "the handshake is reported before any plaintext");
        assertEquals(1, seen.peer.size() >= 1 ? 1 : 0);
        assertEquals("CN=client", seen.peer.get(0).getSubjectX500Principal().getName());
        assertTrue(seen.inboundClosed, "the client's close_notify ends the inbound side");
        assertTrue(taskThreads.contains("tls-task-test"), "delegated tasks run off the selector thread");
    }

    @Test
    void aClientWithoutCertificateFailsTheHandshakeUnderNeed() throws Exception {
        Observed seen = new Observed();
        Future<?> served = serveOne(engines(ClientAuth.NEED, List.of()), seen);
        try (SSLSocket s = connect(null, "TLSv1.3")) {
            assertThrows(IOException.class, () -> {
                s.getOutputStream().write(1);
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                // TLS 1.3 reports the server's refusal on the first read.
                if (in.read() < 0) {
                    throw new IOException("closed");
                }
            });
        }
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> served.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof javax.net.ssl.SSLException, e.toString());
        assertEquals(List.of(), seen.events, "no handshake, no plaintext");
    }

    @Test
    void noneAsksForNoCertificate() throws Exception {
        Observed seen = new Observed();
        Future<?> served = serveOne(engines(ClientAuth.NONE, List.of()), seen);
        try (SSLSocket s = connect(client, "TLSv1.3")) {
            s.getOutputStream().write(new byte[] {1, 2, 3});
            s.getOutputStream().flush();
            byte[] back = new byte[3];
            new DataInputStream(s.getInputStream()).readFully(back);
            assertArrayEquals(new byte[] {1, 2, 3}, back);
        }
        served.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(), seen.peer);
    }
}

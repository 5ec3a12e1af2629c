package io.corral.server.net;

import io.corral.server.config.ServerConfig;
import io.corral.server.config.TlsConfig;
import io.corral.server.net.tls.TlsEngineFactory;
import io.corral.server.monitor.ServerStats;
import io.corral.server.pipeline.Pipeline;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client ports: for the plain port and, when {@code secureClientPort} is set, the TLS port beside it, an
 * acceptor thread that enforces {@code maxClientCnxns} per address (both ports count together, as in ZooKeeper)
 * and hands connections round-robin to the selector loops, which do all socket I/O. TLS connections get an
 * SSLEngine from {@link TlsEngineFactory}; the engines' delegated tasks run on a small pool of their own.
 */
public final class NioServer {
    private static final Logger LOG = LoggerFactory.getLogger(NioServer.class);

    private final ServerConfig config;
    private final Pipeline pipeline;
    private final ServerStats stats;
    private final FourLetterWords fourLetterWords;
    private final LongSupplier monotonicMs;
    private final SelectorLoop[] loops;
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Map<Long, ClientConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private ServerSocketChannel acceptChannel;
    private Thread acceptor;
    private ServerSocketChannel secureChannel;
    private Thread secureAcceptor;
    private TlsEngineFactory tlsEngines;
    private ExecutorService tlsTasks;
    private volatile boolean running;
    private int nextLoop;

    public NioServer(ServerConfig config, Pipeline pipeline, ServerStats stats, FourLetterWords fourLetterWords,
                     LongSupplier monotonicMs, int selectorThreads) throws IOException {
        this.config = config;
        this.pipeline = pipeline;
        this.stats = stats;
        this.fourLetterWords = fourLetterWords;
        this.monotonicMs = monotonicMs;
        this.loops = new SelectorLoop[selectorThreads];
        for (int i = 0; i < selectorThreads; i++) {
            loops[i] = new SelectorLoop("corral-selector-" + i);
        }
    }

    /** Binds the client port; throws with the address in the message when it is taken. */
    public void start() throws IOException {
        InetSocketAddress address = config.clientPortAddress() == null
                ? new InetSocketAddress(config.clientPort())
                : new InetSocketAddress(config.clientPortAddress(), config.clientPort());
        acceptChannel = ServerSocketChannel.open();
        acceptChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        try {
            acceptChannel.bind(address, 1024);
        } catch (IOException e) {
            acceptChannel.close();
            throw new IOException("Cannot listen on " + address + " (clientPort/clientPortAddress): " + e.getMessage(), e);
        }
        if (config.tls().enabled()) {
            try {
                startTls();
            } catch (IOException e) {
                acceptChannel.close();
                throw e;
            }
        }
        running = true;
        for (SelectorLoop loop : loops) {
            loop.start();
        }
        acceptor = new Thread(() -> acceptLoop(acceptChannel, null), "corral-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Serving clients on {}", acceptChannel.getLocalAddress());
        if (secureChannel != null) {
            secureAcceptor = new Thread(() -> acceptLoop(secureChannel, tlsEngines), "corral-acceptor-tls");
            secureAcceptor.setDaemon(true);
            secureAcceptor.start();
            LOG.info("Serving TLS clients on {}", secureChannel.getLocalAddress());
        }
    }

    private void startTls() throws IOException {
        TlsConfig tls = config.tls();
        tlsEngines = new TlsEngineFactory(tls);
        InetSocketAddress address = tls.address() == null
                ? new InetSocketAddress(tls.port())
                : new InetSocketAddress(tls.address(), tls.port());
        secureChannel = ServerSocketChannel.open();
        secureChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        try {
            secureChannel.bind(address, 1024);
        } catch (IOException e) {
            secureChannel.close();
            throw new IOException("Cannot listen on " + address + " (secureClientPort/secureClientPortAddress): "
                    + e.getMessage(), e);
        }
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
        AtomicInteger n = new AtomicInteger();
        tlsTasks = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "corral-tls-task-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    /** The secure port actually bound, or -1 when there is none. */
    public int securePort() {
        try {
            return secureChannel == null ? -1 : ((InetSocketAddress) secureChannel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Rebuilds the TLS context now if the key or trust store files changed (as client.certReload does per accept). */
    public boolean reloadTlsStores() {
        return tlsEngines != null && tlsEngines.reloadIfChanged();
    }

    public int port() {
        try {
            return ((InetSocketAddress) acceptChannel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    public void stop() throws InterruptedException {
        running = false;
        try {
            acceptChannel.close();
            if (secureChannel != null) {
                secureChannel.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the client port", e);
        }
        if (acceptor != null) {
            acceptor.join(5_000);
        }
        if (secureAcceptor != null) {
            secureAcceptor.join(5_000);
        }
        for (SelectorLoop loop : loops) {
            loop.stop();
        }
        if (tlsTasks != null) {
            tlsTasks.shutdownNow();
        }
    }

    /** @param engines null for the plain port */
    private void acceptLoop(ServerSocketChannel acceptChannel, TlsEngineFactory engines) {
        while (running) {
            SocketChannel ch;
            try {
                ch = acceptChannel.accept();
            } catch (IOException e) {
                if (running) {
                    LOG.warn("Accept failed: {}", e.getMessage());
                }
                continue;
            }
            try {
                InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
                if (!admit(remote.getAddress())) {
                    LOG.warn("Too many connections from {}: the limit is {} (maxClientCnxns)",
                            remote.getAddress().getHostAddress(), config.maxClientCnxns());
                    ch.close();
                    continue;
                }
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectorLoop loop = nextLoop();
                SSLEngine engine = engines == null ? null : engines.newEngine(remote);
                ClientConnection conn = new ClientConnection(nextId.getAndIncrement(), ch, remote, loop, this, engine);
                connections.put(conn.connectionId(), conn);
                loop.register(ch, conn);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not set up an accepted connection: {}", e.getMessage());
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    private synchronized SelectorLoop nextLoop() {
        SelectorLoop loop = loops[nextLoop % loops.length];
        nextLoop = (nextLoop + 1) % loops.length;
        return loop;
    }

    private boolean admit(InetAddress address) {
        AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (config.maxClientCnxns() > 0 && count.incrementAndGet() > config.maxClientCnxns()) {
            count.decrementAndGet();
            return false;
        }
        if (config.maxClientCnxns() == 0) {
            count.incrementAndGet();
        }
        return true;
    }

    void connectionClosed(ClientConnection conn) {
        if (connections.remove(conn.connectionId()) != null) {
            AtomicInteger count = perAddress.get(conn.remoteAddress().getAddress());
            if (count != null) {
                count.decrementAndGet();
            }
        }
    }

    void touch(long sessionId, int timeoutMs) {
        pipeline.sessionActive(sessionId, timeoutMs);
    }

    public Collection<ClientConnection> connections() {
        return Collections.unmodifiableCollection(connections.values());
    }

    /** Every connection's figures for monitoring (stat, cons, the connection MBeans), oldest first; any thread. */
    public java.util.List<io.corral.api.management.ConnectionSummary> connectionSummaries() {
        java.util.List<io.corral.api.management.ConnectionSummary> out = new java.util.ArrayList<>();
        for (ClientConnection c : new java.util.TreeMap<>(connections).values()) {
            io.corral.server.pipeline.ConnectionStats st = c.state().stats();
            long session = c.sessionId();
            out.add(new io.corral.api.management.ConnectionSummary(c.connectionId(),
                    c.remoteAddress().getAddress().getHostAddress(), c.remoteAddress().getPort(), c.interestOps(),
                    c.inFlight(), st.receivedCount(), st.sentCount(), session, session == 0 ? 0 : c.sessionTimeoutMs(),
                    st.establishedMs(), st.lastOp(), st.lastCxid(), st.lastZxid(), st.lastResponseMs(),
                    st.lastLatencyMs(), st.minLatencyMs(), st.avgLatencyMs(), st.maxLatencyMs()));
        }
        return out;
    }

    /** Closes one connection (its session lives on until it expires); false when there is none. Any thread. */
    public boolean closeConnection(long connectionId) {
        ClientConnection c = connections.get(connectionId);
        if (c == null) {
            return false;
        }
        c.close("closed by an administrator");
        return true;
    }

    /** Closes every client connection, as a replica does when it stops serving; sessions live on. Any thread. */
    public void closeAllConnections(String reason) {
        for (ClientConnection c : connections.values()) {
            c.close(reason);
        }
    }

    /** Zeroes one connection's counters (cons, JMX resetCounters); false when there is none. */
    public boolean resetConnectionStats(long connectionId) {
        ClientConnection c = connections.get(connectionId);
        if (c == null) {
            return false;
        }
        c.state().stats().reset();
        return true;
    }

    /** Zeroes every connection's counters (crst). */
    public void resetAllConnectionStats() {
        for (ClientConnection c : connections.values()) {
            c.state().stats().reset();
        }
    }

    public int connectionCount() {
        return connections.size();
    }

    ServerConfig config() {
        return config;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    ServerStats stats() {
        return stats;
    }

    Executor tlsTasks() {
        return tlsTasks;
    }

    FourLetterWords fourLetterWords() {
        return fourLetterWords;
    }
}

package io.corral.server.net;

import io.corral.server.config.ServerConfig;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client port: an acceptor thread that enforces {@code maxClientCnxns} per address and hands connections
 * round-robin to the selector loops, which do all socket I/O.
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
    private volatile boolean running;

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
        running = true;
        for (SelectorLoop loop : loops) {
            loop.start();
        }
        acceptor = new Thread(this::acceptLoop, "corral-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Serving clients on {}", acceptChannel.getLocalAddress());
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
        } catch (IOException e) {
            LOG.debug("closing the client port", e);
        }
        if (acceptor != null) {
            acceptor.join(5_000);
        }
        for (SelectorLoop loop : loops) {
            loop.stop();
        }
    }

    private void acceptLoop() {
        int next = 0;
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
                SelectorLoop loop = loops[next++ % loops.length];
                ClientConnection conn = new ClientConnection(nextId.getAndIncrement(), ch, remote, loop, this);
                connections.put(conn.connectionId(), conn);
                loop.register(ch, conn);
            } catch (IOException e) {
                LOG.warn("Could not set up an accepted connection: {}", e.getMessage());
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
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
        pipeline.sessions().touch(sessionId, timeoutMs, monotonicMs.getAsLong());
    }

    public Collection<ClientConnection> connections() {
        return Collections.unmodifiableCollection(connections.values());
    }

    public java.util.List<String> connectionLines() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (ClientConnection c : connections.values()) {
            var st = c.state().stats();
            out.add(" /" + c.remoteAddress().getAddress().getHostAddress() + ":" + c.remoteAddress().getPort()
                    + "[1](queued=" + c.inFlight() + ",recved=" + st.receivedCount() + ",sent=" + st.sentCount() + ")");
        }
        return out;
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

    FourLetterWords fourLetterWords() {
        return fourLetterWords;
    }
}

package io.corral.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a server. Tests connect clients to {@link #connectString()} and can then cut
 * every proxied connection ({@link #dropAllConnections()}), refuse new ones ({@link #setRefusing(boolean)}), or
 * freeze the traffic in both directions ({@link #pause()} / {@link #resume()}).
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final Object pauseLock = new Object();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean paused;
    private volatile boolean refusing;
    private volatile boolean closed;

    public TcpProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress(upstreamHost, upstreamPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getByName(ServerProcess.HOST));
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + listener.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public static TcpProxy inFrontOf(ServerProcess server) throws IOException {
        return new TcpProxy(ServerProcess.HOST, server.port());
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String connectString() {
        return ServerProcess.HOST + ":" + port();
    }

    /** Number of client connections accepted so far (including refused ones). */
    public int acceptedCount() {
        return accepted.get();
    }

    /** Number of currently open proxied connections. */
    public int openConnections() {
        return links.size();
    }

    /** Closes every proxied connection on both sides; new connections are still accepted unless refusing. */
    public void dropAllConnections() {
        for (Link link : links) {
            link.close();
        }
    }

    /** While refusing, each newly accepted connection is closed at once without contacting the server. */
    public void setRefusing(boolean refusing) {
        this.refusing = refusing;
    }

    /** Stops forwarding bytes in both directions; connections stay open and data waits in the proxy. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    private void awaitNotPaused() throws InterruptedException {
        if (!paused) {
            return;
        }
        synchronized (pauseLock) {
            while (paused && !closed) {
                pauseLock.wait(TimeUnit.SECONDS.toMillis(1));
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            accepted.incrementAndGet();
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            Socket server = new Socket();
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(upstream, 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            Link link = new Link(client, server);
            links.add(link);
            link.start();
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        resume();
        dropAllConnections();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }

    /** One proxied connection: a pump thread per direction. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private final Thread up;
        private final Thread down;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
            this.up = new Thread(() -> pump(client, server), "tcp-proxy-up-" + client.getPort());
            this.down = new Thread(() -> pump(server, client), "tcp-proxy-down-" + client.getPort());
            up.setDaemon(true);
            down.setDaemon(true);
        }

        void start() {
            up.start();
            down.start();
        }

        private void pump(Socket from, Socket to) {
            byte[] buf = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    awaitNotPaused();
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (SocketException e) {
                // closed by the other pump or by dropAllConnections
            } catch (IOException e) {
                // peer reset
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(server);
        }
    }
}

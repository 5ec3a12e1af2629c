package io.corral.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;

/**
 * One TCP connection to one server, with blocking streams: the connection thread reads, the request writer writes.
 * Closing it from any thread makes both fail promptly, which is how a connection is torn down.
 */
final class Connection implements Closeable {
    private final Socket socket;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final InetSocketAddress remote;

    private Connection(Socket socket, InetSocketAddress remote, int maxFrameSize) throws IOException {
        this.socket = socket;
        this.remote = remote;
        this.reader = new FrameReader(new BufferedInputStream(socket.getInputStream(), 64 * 1024), maxFrameSize);
        this.writer = new FrameWriter(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024), maxFrameSize);
    }

    /**
     * Connects, or fails within {@code connectTimeoutMs}. The socket is handed over before connecting so that
     * {@code onSocket} can close it from another thread (a client closing while it is still connecting).
     */
    static Connection open(InetSocketAddress remote, int connectTimeoutMs, int maxFrameSize,
                           java.util.function.Consumer<Socket> onSocket) throws IOException {
        if (remote.isUnresolved()) {
            throw new IOException("cannot resolve " + remote.getHostString());
        }
        Socket socket = new Socket();
        onSocket.accept(socket);
        try {
            socket.setTcpNoDelay(true);
            socket.setSoLinger(false, -1);
            socket.connect(remote, connectTimeoutMs);
            return new Connection(socket, remote, maxFrameSize);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    FrameReader reader() {
        return reader;
    }

    FrameWriter writer() {
        return writer;
    }

    InetSocketAddress remote() {
        return remote;
    }

    /** A read that waits longer than this fails with SocketTimeoutException. */
    void setReadTimeout(int millis) throws SocketException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket that is already broken: nothing more to do.
        }
    }
}

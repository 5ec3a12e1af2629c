package io.corral.it.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.ConnectRequest;
import org.apache.zookeeper.proto.ConnectResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;
import org.apache.zookeeper.proto.WatcherEvent;

/**
 * A hand-driven client-port connection for wire-level tests: frames are built with the Apache jute classes and
 * written to a plain blocking socket.
 */
public final class RawClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MS = 20_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final List<WatcherEvent> notifications = new ArrayList<>();
    private int nextXid = 1;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawClient open(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        return new RawClient(socket);
    }

    public static RawClient open(ServerProcess server) throws IOException {
        return open(ServerProcess.HOST, server.port());
    }

    public Socket socket() {
        return socket;
    }

    // ---------------------------------------------------------------- encoding

    public static byte[] serialize(Record... records) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryOutputArchive archive = BinaryOutputArchive.getArchive(bytes);
            for (Record r : records) {
                r.serialize(archive, "r");
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Length prefix + payload. */
    public static byte[] frame(byte[] payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 4);
        try {
            new DataOutputStream(bytes).writeInt(payload.length);
            bytes.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** The ConnectRequest payload the Java client sends for a brand-new session (45 bytes). */
    public static byte[] newSessionConnectRequest(int timeoutMs) {
        return serialize(new ConnectRequest(0, 0L, timeoutMs, 0L, new byte[16], false));
    }

    // ---------------------------------------------------------------- writing

    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void writeFrame(byte[] payload) throws IOException {
        writeRaw(frame(payload));
    }

    /** Sends a request frame with an explicit xid; body may be null. */
    public void send(int xid, int opcode, Record body) throws IOException {
        if (body == null) {
            writeFrame(serialize(new RequestHeader(xid, opcode)));
        } else {
            writeFrame(serialize(new RequestHeader(xid, opcode), body));
        }
    }

    /** Sends a request with the next xid and returns that xid. */
    public int send(int opcode, Record body) throws IOException {
        int xid = nextXid++;
        send(xid, opcode, body);
        return xid;
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    // ---------------------------------------------------------------- reading

    /** Reads one length-prefixed frame (bounded by the socket read timeout). */
    public byte[] readFrame() throws IOException {
        int len = in.readInt();
        if (len < 0 || len > 64 * 1024 * 1024) {
            throw new IOException("unreasonable reply frame length " + len);
        }
        byte[] payload = new byte[len];
        in.readFully(payload);
        return payload;
    }

    public ConnectResponse readConnectResponse() throws IOException {
        byte[] payload = readFrame();
        ConnectResponse response = new ConnectResponse();
        BinaryInputArchive archive = BinaryInputArchive.getArchive(new ByteArrayInputStream(payload));
        response.deserialize(archive, "connect");
        return response;
    }

    /** Sends a new-session ConnectRequest and returns the server's answer. */
    public ConnectResponse handshake(int timeoutMs) throws IOException {
        writeFrame(newSessionConnectRequest(timeoutMs));
        ConnectResponse response = readConnectResponse();
        if (response.getTimeOut() <= 0 || response.getSessionId() == 0) {
            throw new IOException("handshake refused: " + response);
        }
        return response;
    }

    /** Reads the next reply frame, including notifications (xid -1). */
    public Reply readReply() throws IOException {
        byte[] payload = readFrame();
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(payload));
        BinaryInputArchive archive = BinaryInputArchive.getArchive(data);
        ReplyHeader header = new ReplyHeader();
        header.deserialize(archive, "header");
        return new Reply(header, archive, data, payload.length);
    }

    /** Reads replies until one with {@code xid} arrives; notifications on the way are kept in {@link #notifications()}. */
    public Reply readReply(int xid) throws IOException {
        while (true) {
            Reply reply = readReply();
            if (reply.header.getXid() == -1) {
                WatcherEvent event = new WatcherEvent();
                reply.read(event);
                notifications.add(event);
                continue;
            }
            if (reply.header.getXid() != xid) {
                throw new IOException("expected reply to xid " + xid + " but got " + reply.header);
            }
            return reply;
        }
    }

    /** Sends a request and reads its reply. */
    public Reply call(int opcode, Record body) throws IOException {
        return readReply(send(opcode, body));
    }

    public List<WatcherEvent> notifications() {
        return notifications;
    }

    /**
     * Waits, bounded, for the server to close this connection: returns true once a read reports end of stream or
     * the connection is reset; bytes the server sends first are discarded. Returns false if still open at the end.
     */
    public boolean awaitClosed(Duration atMost) {
        return awaitClosed(socket, atMost);
    }

    public static boolean awaitClosed(Socket socket, Duration atMost) {
        return bytesBeforeClose(socket, atMost) >= 0;
    }

    /**
     * Like {@link #awaitClosed(Duration)}, but returns how many bytes the server sent before closing, or -1 if the
     * connection was still open at the end of the bound.
     */
    public long bytesBeforeClose(Duration atMost) {
        return bytesBeforeClose(socket, atMost);
    }

    public static long bytesBeforeClose(Socket socket, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        byte[] sink = new byte[64 * 1024];
        long received = 0;
        try {
            InputStream input = socket.getInputStream();
            while (true) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    return -1;
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(leftMs, 1_000)));
                try {
                    int n = input.read(sink);
                    if (n < 0) {
                        return received;
                    }
                    received += n;
                } catch (SocketTimeoutException e) {
                    // keep waiting until the deadline
                }
            }
        } catch (SocketException e) {
            return received; // connection reset by the server
        } catch (IOException e) {
            return received;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** One reply: the header and a reader positioned at the body. */
    public static final class Reply {
        public final ReplyHeader header;
        private final BinaryInputArchive archive;
        private final DataInputStream data;
        public final int frameLength;

        Reply(ReplyHeader header, BinaryInputArchive archive, DataInputStream data, int frameLength) {
            this.header = header;
            this.archive = archive;
            this.data = data;
            this.frameLength = frameLength;
        }

        public int err() {
            return header.getErr();
        }

        public <T extends Record> T read(T record) throws IOException {
            record.deserialize(archive, "body");
            return record;
        }

        public int remainingBytes() throws IOException {
            return data.available();
        }

        public int readInt() throws IOException {
            try {
                return data.readInt();
            } catch (EOFException e) {
                throw new IOException("reply body too short", e);
            }
        }
    }
}

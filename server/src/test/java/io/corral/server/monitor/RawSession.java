package io.corral.server.monitor;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.ConnectResponse;
import io.corral.protocol.proto.ReplyHeader;
import io.corral.protocol.proto.RequestHeader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A blocking client session built from the protocol records: enough to create nodes and set watches in tests. */
final class RawSession implements AutoCloseable {
    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;
    private final long sessionId;
    private int xid;

    RawSession(int port, int timeoutMs) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        write(new ConnectRequest(0, 0, timeoutMs, 0, new byte[16], false), null);
        ConnectResponse r = ConnectResponse.read(new JuteInput(readFrame()));
        sessionId = r.sessionId();
    }

    long sessionId() {
        return sessionId;
    }

    /** Sends one request and returns the error code of its reply (watch notifications in between are skipped). */
    int call(int type, Record body) throws IOException {
        int id = ++xid;
        write(body, new RequestHeader(id, type));
        while (true) {
            JuteInput reply = new JuteInput(readFrame());
            ReplyHeader h = ReplyHeader.read(reply);
            if (h.xid() == id) {
                return h.err();
            }
        }
    }

    private void write(Record body, RequestHeader header) throws IOException {
        JuteOutput o = new JuteOutput();
        o.writeInt(0);
        if (header != null) {
            header.write(o);
        }
        if (body != null) {
            body.write(o);
        }
        o.setInt(0, o.size() - 4);
        out.write(o.toByteArray());
        out.flush();
    }

    private byte[] readFrame() throws IOException {
        int len = in.readInt();
        byte[] frame = new byte[len];
        in.readFully(frame);
        return frame;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

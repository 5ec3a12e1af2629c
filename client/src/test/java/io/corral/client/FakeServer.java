package io.corral.client;

import io.corral.protocol.jute.JuteInput;
import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.ConnectRequest;
import io.corral.protocol.proto.ConnectResponse;
import io.corral.protocol.proto.ReplyHeader;
import io.corral.protocol.proto.RequestHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A scripted server for client tests: the test accepts each connection and reads and writes frames itself, so it
 * can check what the client sends byte for byte and answer wrongly on purpose. Every read has a timeout.
 */
final class FakeServer implements AutoCloseable {
    static final int READ_TIMEOUT_MS = 5_000;

    private final ServerSocket listener;

    FakeServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(READ_TIMEOUT_MS);
    }

    String connectString() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    Conn accept() throws IOException {
        Socket socket = listener.accept();
        socket.setSoTimeout(READ_TIMEOUT_MS);
        return new Conn(socket);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** A request as read off the wire: its header and the rest of the frame. */
    record Request(RequestHeader header, JuteInput body) {
    }

    static final class Conn implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = new DataOutputStream(socket.getOutputStream());
        }

        ByteBuffer readFrame() throws IOException {
            int length = in.readInt();
            byte[] payload = new byte[length];
            in.readFully(payload);
            return ByteBuffer.wrap(payload);
        }

        ConnectRequest readConnectRequest() throws IOException {
            return ConnectRequest.read(new JuteInput(readFrame()));
        }

        Request readRequest() throws IOException {
            JuteInput body = new JuteInput(readFrame());
            return new Request(RequestHeader.read(body), body);
        }

        void accept(long sessionId, int timeoutMs) throws IOException {
            send(null, new ConnectResponse(0, timeoutMs, sessionId, new byte[16], false));
        }

        void send(ReplyHeader header, Record body) throws IOException {
            JuteOutput frame = new JuteOutput();
            if (header != null) {
                header.write(frame);
            }
            if (body != null) {
                body.write(frame);
            }
            out.writeInt(frame.size());
            out.write(frame.array(), 0, frame.size());
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

package io.corral.client;

import io.corral.protocol.jute.JuteOutput;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.RequestHeader;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes length-prefixed frames through one reusable buffer. Frames are buffered until {@link #flush()}, so a burst of
 * requests leaves in few segments. Only the thread that owns the connection's output may use it.
 */
final class FrameWriter {
    private final OutputStream out;
    private final int maxFrameSize;
    private final JuteOutput buffer = new JuteOutput(1024);

    FrameWriter(OutputStream out, int maxFrameSize) {
        this.out = out;
        this.maxFrameSize = maxFrameSize;
    }

    /** The handshake frame: a ConnectRequest without a header. */
    void write(Record body) throws IOException {
        encode(null, body);
        send();
    }

    /** A request frame; {@code body} is null for header-only requests (ping, closeSession, whoAmI). */
    void write(RequestHeader header, Record body) throws IOException {
        encode(header, body);
        send();
    }

    /**
     * Encodes a frame without sending it and returns its payload size, so that a request too large for the server
     * can be refused before anything of it is on the wire.
     */
    int encode(RequestHeader header, Record body) {
        buffer.reset();
        buffer.writeInt(0);
        if (header != null) {
            header.write(buffer);
        }
        if (body != null) {
            body.write(buffer);
        }
        int payload = buffer.size() - 4;
        buffer.setInt(0, payload);
        return payload;
    }

    int maxFrameSize() {
        return maxFrameSize;
    }

    /** Sends what {@link #encode} last produced. */
    void send() throws IOException {
        out.write(buffer.array(), 0, buffer.size());
    }

    void flush() throws IOException {
        out.flush();
    }
}

package io.corral.client;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads length-prefixed frames. A length below zero or above the maximum means the stream is not what we think it is
 * (or the server sent more than we agreed to take), so it ends the connection rather than allocating it.
 */
final class FrameReader {
    private final DataInputStream in;
    private final int maxFrameSize;

    FrameReader(InputStream in, int maxFrameSize) {
        this.in = new DataInputStream(in);
        this.maxFrameSize = maxFrameSize;
    }

    /** The next frame's payload; EOFException when the server closed the connection. */
    ByteBuffer read() throws IOException {
        int length = in.readInt();
        if (length < 0 || length > maxFrameSize) {
            throw new IOException("frame length " + length + " is out of range 0.." + maxFrameSize
                    + "; the peer is not speaking the ZooKeeper protocol or the frame exceeds the configured maximum");
        }
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            throw new EOFException("connection closed in the middle of a frame of " + length + " bytes");
        }
        return ByteBuffer.wrap(payload);
    }
}

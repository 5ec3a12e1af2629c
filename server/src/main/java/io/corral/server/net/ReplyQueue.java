package io.corral.server.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The frames waiting to be written to one client, and how many bytes they hold (the backlog that backpressure
 * watches). Writes gather up to {@link #MAX_GATHER} frames per system call. Not thread-safe: the owning
 * connection guards it with its write lock.
 */
final class ReplyQueue {
    private static final int MAX_GATHER = 64;

    private final ArrayDeque<ByteBuffer> frames = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    private long bytes;

    /** Queues a frame; returns the backlog in bytes afterwards. */
    long add(ByteBuffer frame) {
        frames.add(frame);
        bytes += frame.remaining();
        return bytes;
    }

    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    void clear() {
        frames.clear();
        bytes = 0;
    }

    /** Writes in the clear until the queue is empty or the socket is full. */
    void writeTo(SocketChannel channel) throws IOException {
        while (!frames.isEmpty()) {
            int n = fillGather();
            bytes -= channel.write(gather, 0, n);
            boolean socketFull = gather[n - 1].hasRemaining();
            dropWritten(n);
            if (socketFull) {
                return;
            }
        }
    }

    /**
     * Wraps queued frames and writes the ciphertext, record by record, until the socket is full, the queue is
     * empty, or the engine cannot take more now (handshaking, or a delegated task running).
     */
    void writeTo(TlsLayer tls, SocketChannel channel) throws IOException {
        while (true) {
            if (!tls.writeNet(channel)) {
                return;
            }
            if (frames.isEmpty() && !tls.wantsWrap()) {
                return;
            }
            int n = fillGather();
            long wrappedBefore = tls.wrapped();
            long consumed = tls.wrap(gather, 0, n);
            bytes -= consumed;
            dropWritten(n);
            if (consumed == 0 && tls.wrapped() == wrappedBefore) {
                return;
            }
        }
    }

    private int fillGather() {
        int n = 0;
        for (ByteBuffer b : frames) {
            gather[n++] = b;
            if (n == MAX_GATHER) {
                break;
            }
        }
        return n;
    }

    private void dropWritten(int gathered) {
        Arrays.fill(gather, 0, gathered, null);
        while (!frames.isEmpty() && !frames.peek().hasRemaining()) {
            frames.poll();
        }
    }
}

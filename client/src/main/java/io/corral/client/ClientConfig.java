package io.corral.client;

import io.corral.protocol.jute.JuteInput;

/**
 * What a {@link ZkClient} is told at construction; nothing is read from system properties.
 *
 * @param sessionTimeoutMs    the timeout asked for in the handshake; the server clamps it to its bounds
 * @param readOnly            accept a server in read-only mode (ConnectRequest.readOnly)
 * @param maxFrameSize        the largest frame accepted from the server (and sent to it), ZooKeeper's jute.maxbuffer
 * @param requestTimeoutMs    how long a synchronous call waits for its reply before failing with REQUESTTIMEOUT
 * @param reconnectDelayMaxMs after every server of the connect string failed once, wait a random time up to this
 *                            before the next round, so that many clients do not hammer a recovering ensemble together
 * @param shuffleHosts        try the servers in a random order (the order of the connect string otherwise)
 */
public record ClientConfig(
        int sessionTimeoutMs,
        boolean readOnly,
        int maxFrameSize,
        int requestTimeoutMs,
        int reconnectDelayMaxMs,
        boolean shuffleHosts) {

    public ClientConfig {
        if (sessionTimeoutMs <= 0) {
            throw new IllegalArgumentException("sessionTimeoutMs must be positive, got " + sessionTimeoutMs);
        }
        if (maxFrameSize < 1024) {
            throw new IllegalArgumentException("maxFrameSize must be at least 1024 bytes, got " + maxFrameSize);
        }
        if (requestTimeoutMs <= 0) {
            throw new IllegalArgumentException("requestTimeoutMs must be positive, got " + requestTimeoutMs);
        }
        if (reconnectDelayMaxMs < 0) {
            throw new IllegalArgumentException("reconnectDelayMaxMs must not be negative, got " + reconnectDelayMaxMs);
        }
    }

    public static ClientConfig defaults() {
        return new ClientConfig(30_000, false, JuteInput.DEFAULT_MAX_LENGTH, 60_000, 1_000, true);
    }

    public ClientConfig withSessionTimeoutMs(int value) {
        return new ClientConfig(value, readOnly, maxFrameSize, requestTimeoutMs, reconnectDelayMaxMs, shuffleHosts);
    }

    public ClientConfig withReadOnly(boolean value) {
        return new ClientConfig(sessionTimeoutMs, value, maxFrameSize, requestTimeoutMs, reconnectDelayMaxMs,
                shuffleHosts);
    }

    public ClientConfig withMaxFrameSize(int value) {
        return new ClientConfig(sessionTimeoutMs, readOnly, value, requestTimeoutMs, reconnectDelayMaxMs, shuffleHosts);
    }

    public ClientConfig withRequestTimeoutMs(int value) {
        return new ClientConfig(sessionTimeoutMs, readOnly, maxFrameSize, value, reconnectDelayMaxMs, shuffleHosts);
    }

    public ClientConfig withReconnectDelayMaxMs(int value) {
        return new ClientConfig(sessionTimeoutMs, readOnly, maxFrameSize, requestTimeoutMs, value, shuffleHosts);
    }

    public ClientConfig withShuffleHosts(boolean value) {
        return new ClientConfig(sessionTimeoutMs, readOnly, maxFrameSize, requestTimeoutMs, reconnectDelayMaxMs, value);
    }
}

package io.corral.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Requests accepted from callers and not yet written. They wait here while the client is connecting, so a caller
 * need not wait for the connection before issuing its first request. Bounded, so a caller that outruns a dead
 * connection is told so instead of filling the heap.
 */
final class OutgoingQueue {
    static final int CAPACITY = 100_000;

    private final LinkedBlockingQueue<Packet> queue = new LinkedBlockingQueue<>(CAPACITY);

    /** False if the queue is full. */
    boolean offer(Packet packet) {
        return queue.offer(packet);
    }

    Packet poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    List<Packet> drain() {
        List<Packet> all = new ArrayList<>();
        queue.drainTo(all);
        return all;
    }
}

package io.corral.server.net;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread serving many connections. Other threads hand it work through {@link #execute}, which
 * wakes the selector at most once per pass however many tasks arrive, so a burst of replies costs one wakeup.
 * Never blocks on anything but select().
 */
final class SelectorLoop {
    private static final Logger LOG = LoggerFactory.getLogger(SelectorLoop.class);

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;

    SelectorLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(5_000);
    }

    void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    void register(SocketChannel channel, ClientConnection conn) {
        execute(() -> {
            try {
                conn.attach(channel.register(selector, SelectionKey.OP_READ, conn));
            } catch (IOException e) {
                LOG.warn("Cannot register connection from {}: {}", conn.remoteAddress(), e.getMessage());
                conn.closeNow("registration failed");
            }
        });
    }

    private void run() {
        while (running) {
            try {
                if (tasks.isEmpty()) {
                    selector.select();
                } else {
                    selector.selectNow();
                }
                wakeupPending.set(false);
                handleKeys();
                runTasks();
            } catch (IOException | RuntimeException e) {
                LOG.error("Selector loop failure; continuing", e);
            }
        }
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof ClientConnection c) {
                c.closeNow("server stopping");
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing selector", e);
        }
    }

    private void handleKeys() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            ClientConnection conn = (ClientConnection) key.attachment();
            try {
                if (key.isValid() && key.isWritable()) {
                    conn.onWritable();
                }
                if (key.isValid() && key.isReadable()) {
                    conn.onReadable();
                }
            } catch (CancelledKeyException e) {
                conn.closeNow("key cancelled");
            }
        }
    }

    private void runTasks() {
        // Bounded so that a task that keeps adding tasks cannot starve the sockets.
        for (int i = 0; i < 100_000; i++) {
            Runnable t = tasks.poll();
            if (t == null) {
                return;
            }
            try {
                t.run();
            } catch (RuntimeException e) {
                LOG.error("Selector task failed", e);
            }
        }
    }
}

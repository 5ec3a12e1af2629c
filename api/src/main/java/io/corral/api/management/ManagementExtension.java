package io.corral.api.management;

import java.util.Map;

/**
 * A management plugin (a jar in {@code lib/} registered for {@link java.util.ServiceLoader}), started by the
 * server once it serves clients and stopped before it stops.
 *
 * <p>Contract: {@link #start} must return promptly and must not throw for a problem the server can run without
 * (a port already taken, say): log it and carry on, as ZooKeeper's admin server does. An exception from
 * {@code start} is logged by the server, which then runs without this extension. {@link #stop} is called once,
 * from the thread that stops the server, and must release every thread, port and registration it took.
 */
public interface ManagementExtension {

    /** A short name for the server's log lines. */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * @param server   the running server's read-only view; valid until {@link #stop}
     * @param settings every zoo.cfg key and every {@code zookeeper.*} system property (prefix removed), so that
     *                 an extension reads its own keys ({@code admin.serverPort}, ...) exactly as the server does
     */
    void start(ServerView server, Map<String, String> settings) throws Exception;

    void stop();
}

package io.corral.jmx;

import io.corral.api.management.ServerView;
import java.net.InetSocketAddress;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoint: one Jetty connector on {@code admin.serverAddress:admin.serverPort} with a small daemon
 * thread pool. Request headers are capped ({@code admin.maxRequestHeaderBytes}: larger requests get 431/414 from
 * Jetty) and idle connections close after {@code admin.idleTimeout}; no request body is ever read.
 */
final class AdminServer {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_THREADS = 16;

    private final ServerView view;
    private final AdminSettings settings;
    private Server jetty;
    private ServerConnector connector;

    AdminServer(ServerView view, AdminSettings settings) {
        this.view = view;
        this.settings = settings;
    }

    /** Starts the endpoint; on failure (the port is taken, say) logs an error and returns false. */
    boolean start() {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("corral-admin");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(settings.maxHeaderBytes());
        ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
        c.setHost(settings.address());
        c.setPort(settings.port());
        c.setIdleTimeout(settings.idleTimeoutMs());
        server.addConnector(c);
        server.setHandler(new AdminHandler(view, settings.commandUrl()));
        server.setStopTimeout(0); // the admin endpoint has nothing to drain: stop at once
        try {
            server.start();
        } catch (Exception e) {
            LOG.error("The admin endpoint could not start on {}:{} ({}); the server keeps running without it."
                    + " Set admin.serverPort to a free port, or admin.enableServer=false.",
                    settings.address(), settings.port(), e.getMessage());
            try {
                server.stop();
            } catch (Exception ignored) {
                // it did not start
            }
            return false;
        }
        this.jetty = server;
        this.connector = c;
        LOG.info("Admin endpoint on http://{}:{}{} (and /metrics)", settings.address(), c.getLocalPort(),
                settings.commandUrl());
        return true;
    }

    int port() {
        return connector == null ? -1 : connector.getLocalPort();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(settings.address(), port());
    }

    void stop() {
        if (jetty != null) {
            try {
                jetty.stop();
            } catch (Exception e) {
                LOG.warn("Stopping the admin endpoint failed: {}", e.getMessage());
            }
            jetty = null;
        }
    }
}

package io.corral.server.monitor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** As in ZooKeeper: an admin port that cannot be bound is an error in the log, and the server serves on. */
class AdminPortTakenTest {
    @TempDir
    Path dir;

    @Test
    void theServerRunsWithoutTheEndpoint() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger("io.corral.jmx.AdminServer");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             InProcessServer server = new InProcessServer(dir, Map.of("admin.enableServer", "true",
                     "admin.serverAddress", "127.0.0.1", "admin.serverPort", Integer.toString(taken.getLocalPort())))) {
            assertTrue(server.fourLetter("srvr").contains("Mode: standalone"));
            assertTrue(events.list.stream().anyMatch(e -> e.getLevel() == Level.ERROR
                    && e.getFormattedMessage().contains("could not start on 127.0.0.1:" + taken.getLocalPort())
                    && e.getFormattedMessage().contains("the server keeps running")), events.list::toString);
        } finally {
            log.detachAppender(events);
        }
    }

    @Test
    void aBadAdminSettingCostsTheEndpointOnly() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger("io.corral.jmx.ManagementPlugin");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        try (InProcessServer server = new InProcessServer(dir, Map.of("admin.serverPort", "eighty"))) {
            assertTrue(server.fourLetter("srvr").contains("Mode: standalone"));
            assertTrue(events.list.stream().anyMatch(e -> e.getLevel() == Level.ERROR
                    && e.getFormattedMessage().contains("invalid value 'eighty' for admin.serverPort")), events.list::toString);
        } finally {
            log.detachAppender(events);
        }
    }
}

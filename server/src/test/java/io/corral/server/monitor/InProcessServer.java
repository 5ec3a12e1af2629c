package io.corral.server.monitor;

import io.corral.api.management.Caller;
import io.corral.api.management.CommandResult;
import io.corral.api.management.ServerView;
import io.corral.server.Server;
import io.corral.server.config.ConfigException;
import io.corral.server.config.ConfigLoader;
import io.corral.server.time.SystemClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real server on a free loopback port, in memory, with the given extra zoo.cfg values. */
final class InProcessServer implements AutoCloseable {
    final Server server;

    InProcessServer(Path dataDir, Map<String, String> extra) throws ConfigException, IOException {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("dataDir", dataDir.toString());
        cfg.put("clientPort", "0");
        cfg.put("clientPortAddress", "127.0.0.1");
        cfg.put("tickTime", "2000");
        cfg.put("persistence.provider", "memory");
        cfg.put("admin.enableServer", "false");
        cfg.putAll(extra);
        server = new Server(ConfigLoader.fromValues(cfg, Map.of(), "test"), SystemClock.INSTANCE);
        server.start();
    }

    int port() {
        return server.clientPort();
    }

    ServerView view() {
        return server.view();
    }

    CommandResult run(String command) {
        return view().run(command, Map.of(), Caller.anonymous());
    }

    String fourLetter(String word) throws IOException {
        return FourLetter.ask(port(), word);
    }

    @Override
    public void close() {
        server.stop();
    }
}

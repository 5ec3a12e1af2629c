package io.corral.server.monitor;

import io.corral.api.management.ConnectionSummary;
import java.util.List;

/** The network layer as monitoring sees it: its connections and the actions cons, crst and JMX take on them. */
public interface ConnectionSource {
    List<ConnectionSummary> connections();

    int connectionCount();

    boolean close(long connectionId);

    boolean resetStats(long connectionId);

    void resetAllStats();

    /** A source with no connections, for a server whose network layer is not up (yet). */
    ConnectionSource NONE = new ConnectionSource() {
        @Override
        public List<ConnectionSummary> connections() {
            return List.of();
        }

        @Override
        public int connectionCount() {
            return 0;
        }

        @Override
        public boolean close(long connectionId) {
            return false;
        }

        @Override
        public boolean resetStats(long connectionId) {
            return false;
        }

        @Override
        public void resetAllStats() {
        }
    };
}

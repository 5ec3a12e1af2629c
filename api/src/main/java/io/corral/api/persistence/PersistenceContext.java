package io.corral.api.persistence;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a backend is told when it is opened: where its files go and the raw settings of zoo.cfg (keys as
 * written there), so that a backend can read options of its own without the server knowing them.
 */
public record PersistenceContext(Path dataDir, Path dataLogDir, Map<String, String> settings) {
    public PersistenceContext {
        settings = Map.copyOf(settings);
    }
}

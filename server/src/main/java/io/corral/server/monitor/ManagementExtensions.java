package io.corral.server.monitor;

import io.corral.api.management.ManagementExtension;
import io.corral.api.management.ServerView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management extensions on the class path (the jmx module, or a custom jar in lib/), found through
 * ServiceLoader. One that fails to load or start is logged and left out: management never stops the server.
 */
public final class ManagementExtensions {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementExtensions.class);

    private final List<ManagementExtension> started;

    private ManagementExtensions(List<ManagementExtension> started) {
        this.started = started;
    }

    public static ManagementExtensions start(ServerView view, Map<String, String> settings, ClassLoader loader) {
        List<ManagementExtension> started = new ArrayList<>();
        Iterator<ManagementExtension> it = ServiceLoader.load(ManagementExtension.class, loader).iterator();
        while (true) {
            ManagementExtension ext;
            try {
                if (!it.hasNext()) {
                    break;
                }
                ext = it.next();
            } catch (ServiceConfigurationError e) {
                LOG.error("A management extension could not be loaded; the server runs without it: {}", e.getMessage());
                continue;
            }
            try {
                ext.start(view, settings);
                started.add(ext);
                LOG.info("Management extension {} started", ext.name());
            } catch (Exception | LinkageError e) {
                LOG.error("Management extension {} failed to start; the server runs without it", ext.name(), e);
                stopQuietly(ext);
            }
        }
        return new ManagementExtensions(started);
    }

    /** Stops the extensions, newest first. */
    public void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            stopQuietly(started.get(i));
        }
        started.clear();
    }

    public List<String> names() {
        return started.stream().map(ManagementExtension::name).toList();
    }

    private static void stopQuietly(ManagementExtension ext) {
        try {
            ext.stop();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Management extension {} failed to stop cleanly", ext.name(), e);
        }
    }
}

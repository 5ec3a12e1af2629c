package io.corral.jmx;

import io.corral.api.management.ManagementExtension;
import io.corral.api.management.ServerView;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management extension the server finds through ServiceLoader: JMX beans in the platform MBean server and,
 * unless {@code admin.enableServer=false}, the admin endpoint. A bad admin setting or a port that cannot be bound
 * costs the admin endpoint only, with an error in the log; the server and the beans keep running.
 */
public final class ManagementPlugin implements ManagementExtension {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementPlugin.class);

    private JmxBeans beans;
    private AdminServer admin;

    @Override
    public String name() {
        return "jmx (MBeans, admin endpoint, Prometheus metrics)";
    }

    @Override
    public void start(ServerView server, Map<String, String> settings) {
        beans = new JmxBeans(server, settings, ManagementFactory.getPlatformMBeanServer());
        beans.start();
        AdminSettings admin;
        try {
            admin = AdminSettings.from(settings);
        } catch (IllegalArgumentException e) {
            LOG.error("The admin endpoint is off: {}", e.getMessage());
            return;
        }
        if (!admin.enabled()) {
            LOG.info("The admin endpoint is off (admin.enableServer=false)");
            return;
        }
        AdminServer endpoint = new AdminServer(server, admin);
        if (endpoint.start()) {
            this.admin = endpoint;
        }
    }

    @Override
    public void stop() {
        if (admin != null) {
            admin.stop();
            admin = null;
        }
        if (beans != null) {
            beans.stop();
            beans = null;
        }
    }

    /** The admin endpoint's bound port, or -1 when it is not running (for tests and logs). */
    public int adminPort() {
        AdminServer a = admin;
        return a == null ? -1 : a.port();
    }
}

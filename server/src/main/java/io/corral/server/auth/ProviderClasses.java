package io.corral.server.auth;

import io.corral.api.auth.AuthenticationProvider;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instantiates the classes named by {@code authProvider.N=<class>}. A zoo.cfg written for ZooKeeper names
 * ZooKeeper's own classes; those whose scheme Corral has built in are accepted as they are (the built-in
 * provider serves the scheme), the others are skipped with a warning, so that such a zoo.cfg still starts.
 */
final class ProviderClasses {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderClasses.class);
    private static final String ZOOKEEPER_PACKAGE = "org.apache.zookeeper.";
    private static final Map<String, String> BUILT_IN = Map.of(
            "org.apache.zookeeper.server.auth.X509AuthenticationProvider", "x509",
            "org.apache.zookeeper.server.auth.DigestAuthenticationProvider", "digest",
            "org.apache.zookeeper.server.auth.IPAuthenticationProvider", "ip");

    private ProviderClasses() {
    }

    /** The provider {@code className} names, or null when a built-in provider stands in for it. */
    static AuthenticationProvider instantiate(String key, String className, ClassLoader loader) {
        String builtIn = BUILT_IN.get(className);
        if (builtIn != null) {
            LOG.info("{}={}: Corral's built-in '{}' scheme serves it", key, className, builtIn);
            return null;
        }
        if (className.startsWith(ZOOKEEPER_PACKAGE)) {
            LOG.warn("{}={} is a ZooKeeper class that Corral does not have; the scheme is not available"
                    + " (SASL/Kerberos is not supported)", key, className);
            return null;
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("Cannot load " + key + "=" + className + ": " + e
                    + ". Put the plugin's jar in lib/ (the server's class path)", e);
        }
        if (!AuthenticationProvider.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("Invalid value '" + className + "' for " + key + ": the class does not"
                    + " implement " + AuthenticationProvider.class.getName());
        }
        try {
            return (AuthenticationProvider) type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("Cannot create " + key + "=" + className + ": its constructor threw "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot create " + key + "=" + className + ": it needs a public"
                    + " no-argument constructor (" + e + ")", e);
        }
    }
}

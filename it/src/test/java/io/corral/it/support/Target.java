package io.corral.it.support;

import java.util.Locale;

/** Which server implementation the integration tests drive, chosen with {@code -Dit.target=corral|zookeeper}. */
public enum Target {
    /** The Corral server, {@code io.corral.server.Main}, run from the classpath in {@code corral.server.classpath.file}. */
    CORRAL,
    /** The reference Apache ZooKeeper 3.9.3 standalone server, run from the test JVM's own classpath. */
    ZOOKEEPER;

    public static Target current() {
        String value = System.getProperty("it.target", "corral").trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "corral":
            case "":
                return CORRAL;
            case "zookeeper":
            case "zk":
                return ZOOKEEPER;
            default:
                throw new IllegalArgumentException("unknown it.target '" + value + "' (expected corral or zookeeper)");
        }
    }
}

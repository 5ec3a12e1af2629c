package io.corral.server.monitor;

import java.net.InetSocketAddress;

/** An address as ZooKeeper's monitoring prints it: {@code host:port}, the host as configured, IPv6 in brackets. */
public final class HostPort {
    private HostPort() {
    }

    /** {@code host:port}, or empty for null. */
    public static String of(InetSocketAddress a) {
        if (a == null) {
            return "";
        }
        String host = a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}

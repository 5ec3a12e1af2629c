package io.corral.api.management;

import java.net.InetSocketAddress;

/**
 * Who runs a command, for the commands that need authentication.
 *
 * @param authorization the admin endpoint's {@code Authorization} header as ZooKeeper 3.9 reads it:
 *                      {@code <scheme> <credentials>} (e.g. {@code digest alice:secret}) or just {@code <scheme>}
 *                      for schemes that identify the caller by its address; null when absent
 * @param remoteAddress where the request came from; null when unknown (a local caller)
 */
public record Caller(String authorization, InetSocketAddress remoteAddress) {

    /** A caller without credentials. */
    public static Caller anonymous() {
        return new Caller(null, null);
    }
}

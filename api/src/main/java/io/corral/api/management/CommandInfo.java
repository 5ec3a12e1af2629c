package io.corral.api.management;

import java.util.List;

/**
 * One command of the registry.
 *
 * @param name       the primary name, as the admin endpoint lists it ({@code server_stats})
 * @param aliases    the other names it answers to, the four-letter word among them ({@code srvr})
 * @param needsAuth  whether {@link ServerView#run} checks the caller's credentials (ZooKeeper 3.9's admin
 *                   auth: the caller must hold ALL on {@code /})
 * @param httpMethod {@code GET}, or {@code POST} for a command that takes a request body
 */
public record CommandInfo(String name, List<String> aliases, boolean needsAuth, String httpMethod) {
    public CommandInfo {
        aliases = List.copyOf(aliases);
    }
}

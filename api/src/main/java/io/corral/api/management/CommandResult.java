package io.corral.api.management;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a command answered: its data as plain JSON-friendly values (Map with String keys, List, String, Number,
 * Boolean, null), in the order the admin endpoint writes them, plus an error text (null on success).
 *
 * @param command the primary name of the command, or the name as given when it is unknown
 * @param data    the command's own keys (snake_case, as ZooKeeper's admin server names them)
 * @param error   null on success; otherwise what went wrong, in ZooKeeper's words where it has some
 * @param outcome how the run went, for an endpoint to pick its status code
 */
public record CommandResult(String command, Map<String, Object> data, String error, Outcome outcome) {

    public CommandResult {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** How a run went. A command that ran may still carry an error (ZooKeeper's {@code leader} on a standalone server). */
    public enum Outcome {
        OK,
        UNKNOWN_COMMAND,
        /** The server is starting, stopping or its pipeline does not answer. */
        NOT_SERVING,
        /** The command needs credentials and the caller gave none. */
        AUTH_MISSING,
        /** The credentials were rejected by their scheme. */
        NOT_AUTHENTICATED,
        /** Authenticated, but without the permission the command needs. */
        NOT_AUTHORIZED,
        /** Disabled by configuration or not supported by this server. */
        UNAVAILABLE,
        /** The command failed while running. */
        FAILED
    }

    /** The whole response object: the data keys, then {@code command}, then {@code error}. */
    public Map<String, Object> toResponse() {
        Map<String, Object> out = new LinkedHashMap<>(data);
        out.remove("command");
        out.remove("error");
        out.put("command", command);
        out.put("error", error);
        return out;
    }
}

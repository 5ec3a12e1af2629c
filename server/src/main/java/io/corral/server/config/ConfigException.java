package io.corral.server.config;

/** A configuration the server cannot start with; the message names the key, the value and what is expected. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}

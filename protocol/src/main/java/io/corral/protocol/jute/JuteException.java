package io.corral.protocol.jute;

/**
 * A record could not be decoded: truncated input, a negative or unreasonable length, trailing garbage.
 * Unchecked so that record readers compose as plain functions; the network layer catches it and
 * closes the offending connection.
 */
public final class JuteException extends RuntimeException {
    public JuteException(String message) {
        super(message);
    }
}

package io.corral.api.auth;

/**
 * Credentials rejected. The server answers AUTHFAILED (-115) and closes the connection; the message says why
 * and goes to the server log only, never to the client (it must not help someone guess a password).
 */
public class AuthenticationException extends Exception {
    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}

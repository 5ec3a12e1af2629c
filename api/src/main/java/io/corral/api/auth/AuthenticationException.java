package io.corral.api.auth;

/** Credentials rejected; the message says why and is logged by the server, never sent to the client. */
public class AuthenticationException extends Exception {
    public AuthenticationException(String message) {
        super(message);
    }
}

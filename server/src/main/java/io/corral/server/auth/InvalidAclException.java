package io.corral.server.auth;

/** An ACL list a create or setACL may not store; the client gets INVALIDACL, the reason goes to the log. */
public final class InvalidAclException extends Exception {
    public InvalidAclException(String reason) {
        super(reason, null, false, false);
    }
}

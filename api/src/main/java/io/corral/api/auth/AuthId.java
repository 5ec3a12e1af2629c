package io.corral.api.auth;

/**
 * An identity a connection holds, such as {@code digest:bob:<hash>}, {@code ip:127.0.0.1} or
 * {@code x509:CN=app,O=Example}: a scheme and an id in that scheme, the same pair an ACL entry names.
 *
 * @param scheme the scheme of the provider that understands {@code id}; {@code super} for the super user
 * @param id     the id within the scheme (may be empty, as {@code super}'s is after a digest login)
 */
public record AuthId(String scheme, String id) {
    public AuthId {
        if (scheme == null || id == null) {
            throw new IllegalArgumentException("an AuthId needs a scheme and an id (empty is fine, null is not)");
        }
    }

    @Override
    public String toString() {
        return scheme + ":" + id;
    }
}

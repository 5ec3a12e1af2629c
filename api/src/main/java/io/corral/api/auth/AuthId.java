package io.corral.api.auth;

/** An identity a connection holds, such as {@code digest:bob:<hash>} or {@code ip:127.0.0.1}. */
public record AuthId(String scheme, String id) {
    @Override
    public String toString() {
        return scheme + ":" + id;
    }
}

package io.corral.examples.token;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.ConnectionInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code token} scheme, the example of docs/auth-plugins.md: a client authenticates with a secret token
 * ({@code zk.addAuthInfo("token", "s3cret".getBytes())}) and becomes {@code token:<user>}.
 *
 * <p>zoo.cfg lists the users, each with the SHA-256 of its token in hex, so that zoo.cfg holds no secret:
 * <pre>
 *   tokenAuth.user.alice=1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0
 * </pre>
 * An ACL names a user ({@code token:alice}) or every token user ({@code token:*}).
 */
public final class TokenAuthenticationProvider implements AuthenticationProvider {
    static final String USER_PREFIX = "tokenAuth.user.";
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]+");

    /** SHA-256 of a token -> user; replaced whole by configure, read by any thread. */
    private volatile Map<String, String> users = Map.of();

    @Override
    public String scheme() {
        return "token";
    }

    @Override
    public void configure(Map<String, String> settings) {
        Map<String, String> byHash = new java.util.HashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(USER_PREFIX)) {
                String user = key.substring(USER_PREFIX.length());
                String hash = value.trim().toLowerCase(java.util.Locale.ROOT);
                if (!USER.matcher(user).matches() || !hash.matches("[0-9a-f]{64}")) {
                    // The server refuses to start and shows this message: say which key and what is expected.
                    throw new IllegalArgumentException("Invalid " + key + "=" + value + ": expected tokenAuth.user.<name>"
                            + "=<SHA-256 of the token, 64 hex digits>, the name made of letters, digits, '.', '_', '-'");
                }
                byHash.put(hash, user);
            }
        });
        users = Map.copyOf(byHash);
    }

    @Override
    public List<AuthId> authenticate(byte[] authData, ConnectionInfo connection) throws AuthenticationException {
        String user = users.get(HexFormat.of().formatHex(sha256(authData)));
        if (user == null) {
            // Goes to the server log; the client only sees AUTHFAILED.
            throw new AuthenticationException("unknown token from " + connection.remoteAddress());
        }
        return List.of(new AuthId("token", user));
    }

    @Override
    public boolean matches(String authenticatedId, String aclId) {
        return aclId.equals("*") || aclId.equals(authenticatedId);
    }

    @Override
    public boolean isValid(String aclId) {
        return aclId.equals("*") || USER.matcher(aclId).matches();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

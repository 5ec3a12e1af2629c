package io.corral.auth;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.ConnectionInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code digest:user:base64(sha1(user:password))}, stored exactly as ZooKeeper stores it so that existing ACLs
 * and super digests keep working. A login whose digest equals the configured super digest also gains
 * {@code super}.
 */
public final class DigestAuthenticationProvider implements AuthenticationProvider {
    static final String SUPER_DIGEST_KEY = "DigestAuthenticationProvider.superDigest";

    private volatile String superDigest;

    @Override
    public String scheme() {
        return "digest";
    }

    @Override
    public void configure(Map<String, String> settings) {
        String value = settings.get(SUPER_DIGEST_KEY);
        if (value == null) {
            value = settings.get("zookeeper." + SUPER_DIGEST_KEY);
        }
        superDigest = value;
    }

    @Override
    public List<AuthId> authenticate(byte[] authData, ConnectionInfo connection) throws AuthenticationException {
        String credentials = new String(authData, StandardCharsets.UTF_8);
        int colon = credentials.indexOf(':');
        if (colon <= 0) {
            throw new AuthenticationException("digest credentials must be user:password");
        }
        String id = digest(credentials);
        List<AuthId> ids = new ArrayList<>(2);
        ids.add(new AuthId("digest", id));
        if (id.equals(superDigest)) {
            ids.add(new AuthId("super", ""));
        }
        return ids;
    }

    /** {@code user:base64(sha1("user:password"))} for credentials {@code user:password}. */
    public static String digest(String credentials) {
        int colon = credentials.indexOf(':');
        String user = credentials.substring(0, colon);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest(credentials.getBytes(StandardCharsets.UTF_8));
            return user + ":" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }

    @Override
    public String userName(String id) {
        int colon = id.indexOf(':');
        return colon < 0 ? id : id.substring(0, colon);
    }

    @Override
    public boolean matches(String authenticatedId, String aclId) {
        return authenticatedId.equals(aclId);
    }

    @Override
    public boolean isValid(String aclId) {
        int colon = aclId.indexOf(':');
        return colon > 0 && colon < aclId.length() - 1 && aclId.indexOf(':', colon + 1) < 0;
    }
}

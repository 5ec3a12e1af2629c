package io.corral.auth;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.ConnectionInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code digest:user:base64(hash("user:password"))}, computed and stored exactly as ZooKeeper does so that existing
 * ACLs, snapshots and super digests keep working. The hash is SHA-1 unless
 * {@code DigestAuthenticationProvider.digestAlg} (ZooKeeper's key) names another, e.g. SHA-256 or SHA3-256; ids
 * written with one algorithm do not match logins hashed with another.
 *
 * <p>A login whose id equals {@code DigestAuthenticationProvider.superDigest} also gains {@code super}, which
 * passes every ACL check.
 *
 * <p>As in ZooKeeper, every auth packet authenticates: the user is what precedes the first {@code :} (all of it
 * when there is none), and whether the password is right only shows when the id is checked against an ACL.
 */
public final class DigestAuthenticationProvider implements AuthenticationProvider {
    private static final Logger LOG = LoggerFactory.getLogger(DigestAuthenticationProvider.class);
    static final String SUPER_DIGEST_KEY = "DigestAuthenticationProvider.superDigest";
    static final String ALGORITHM_KEY = "DigestAuthenticationProvider.digestAlg";
    /** ZooKeeper's default, spelled as ZooKeeper spells it. */
    static final String DEFAULT_ALGORITHM = "SHA1";

    private volatile DigestAlgorithm algorithm = DigestAlgorithm.named(DEFAULT_ALGORITHM);
    private volatile String superDigest;

    @Override
    public String scheme() {
        return "digest";
    }

    @Override
    public void configure(Map<String, String> settings) {
        String name = setting(settings, ALGORITHM_KEY);
        if (name != null && !name.isBlank()) {
            try {
                algorithm = DigestAlgorithm.named(name.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid value '" + name + "' for " + ALGORITHM_KEY + ": " + e.getMessage(), e);
            }
        }
        String value = setting(settings, SUPER_DIGEST_KEY);
        superDigest = value == null || value.isBlank() ? null : value.trim();
        if (superDigest != null && !isValid(superDigest)) {
            LOG.warn("{}='{}' is not of the form user:base64hash, so no login will ever match it; generate it with"
                    + " DigestAuthenticationProvider's main (user:password) using digest algorithm {}",
                    SUPER_DIGEST_KEY, superDigest, algorithm.name());
        }
        LOG.info("ACL digest algorithm is {}{}", algorithm.name(), superDigest == null ? "" : "; a super digest is set");
    }

    private static String setting(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value != null ? value : settings.get("zookeeper." + key);
    }

    @Override
    public List<AuthId> authenticate(byte[] authData, ConnectionInfo connection) {
        String credentials = new String(authData, StandardCharsets.UTF_8);
        if (credentials.indexOf(':') < 0) {
            LOG.warn("digest credentials from {} have no ':' (expected user:password); authenticated as user '{}',"
                    + " which is what ZooKeeper does too", connection.remoteAddress(), credentials);
        }
        String id = digest(credentials, algorithm);
        List<AuthId> ids = new ArrayList<>(2);
        if (id.equals(superDigest)) {
            ids.add(new AuthId("super", ""));
        }
        ids.add(new AuthId("digest", id));
        return ids;
    }

    /** {@code user:base64(sha1("user:password"))} for credentials {@code user:password}, ZooKeeper's default. */
    public static String digest(String credentials) {
        return digest(credentials, DigestAlgorithm.named(DEFAULT_ALGORITHM));
    }

    /** The id for {@code credentials} hashed with {@code algorithm} (SHA1, SHA-256, SHA3-256, ...). */
    public static String digest(String credentials, String algorithm) {
        return digest(credentials, DigestAlgorithm.named(algorithm));
    }

    private static String digest(String credentials, DigestAlgorithm algorithm) {
        int colon = credentials.indexOf(':');
        String user = colon < 0 ? credentials : credentials.substring(0, colon);
        byte[] hash = algorithm.hash(credentials.getBytes(StandardCharsets.UTF_8));
        return user + ":" + Base64.getEncoder().encodeToString(hash);
    }

    /** whoAmI shows the user, not the hash. */
    @Override
    public String userName(String id) {
        int colon = id.indexOf(':');
        return colon < 0 ? id : id.substring(0, colon);
    }

    @Override
    public boolean matches(String authenticatedId, String aclId) {
        return authenticatedId.equals(aclId);
    }

    /**
     * ZooKeeper's rule, {@code id.split(":").length == 2}: exactly one {@code :} once trailing ones are dropped. So
     * {@code bob:hash} and {@code :hash} are valid, {@code bob}, {@code bob:} and {@code a:b:c} are not.
     */
    @Override
    public boolean isValid(String aclId) {
        int end = aclId.length();
        while (end > 0 && aclId.charAt(end - 1) == ':') {
            end--;
        }
        int colon = aclId.indexOf(':');
        return colon >= 0 && colon < end && aclId.lastIndexOf(':', end - 1) == colon;
    }

    /** Prints the id for each {@code user:password} argument, for ACLs and {@code superDigest}. */
    public static void main(String[] args) {
        String algorithm = System.getProperty("zookeeper." + ALGORITHM_KEY, DEFAULT_ALGORITHM);
        for (String a : args) {
            System.out.println(a + "->" + digest(a, algorithm));
        }
    }
}

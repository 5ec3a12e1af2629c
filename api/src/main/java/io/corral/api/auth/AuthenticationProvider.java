package io.corral.api.auth;

import java.util.List;
import java.util.Map;

/**
 * An ACL scheme: {@code world}, {@code digest}, {@code ip}, {@code super}, {@code x509}, or one of your own.
 *
 * <p>An ACL entry names a scheme and an id in that scheme ({@code digest:bob:<hash>}, {@code ip:10.0.0.0/8}).
 * A connection holds a list of {@link AuthId}s: {@code ip:<its address>} from the start, plus whatever auth
 * packets and a TLS client certificate gave it. An operation is allowed when some entry of the node's ACL grants
 * the permission and its provider says one of the connection's ids of the same scheme {@linkplain #matches
 * matches} the entry's id. An id of scheme {@code super} passes every check, and so does {@code world:anyone}.
 *
 * <h2>How a provider is found</h2>
 * The server loads every implementation registered for {@link java.util.ServiceLoader} (a jar in {@code lib/}
 * with {@code META-INF/services/io.corral.api.auth.AuthenticationProvider} listing the class), then every class
 * named by {@code authProvider.N=<class>} in zoo.cfg or by the system property
 * {@code zookeeper.authProvider.N=<class>} (a public class with a public no-argument constructor). Each is
 * {@linkplain #configure configured} once, and registered under its {@link #scheme()}; a later one with the same
 * scheme replaces an earlier one, so a class named in zoo.cfg overrides a built-in scheme.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Thread safety: after {@link #configure}, every method may be called from several server threads at once.
 *   <li>Speed: {@link #matches} and {@link #isValid} run on the request path, once per ACL entry checked, and
 *       must not block (no name lookups, no I/O). {@link #authenticate} runs once per auth packet on the thread
 *       that orders requests: keep it to microseconds or a few milliseconds at most.
 *   <li>Failures: {@link #authenticate} reports rejected credentials with {@link AuthenticationException}; any
 *       other exception is treated the same way. {@link #matches} and {@link #isValid} return false for ids they
 *       do not understand and never throw.
 *   <li>Stability: the ids a provider grants are stored verbatim in ACLs (on disk, in snapshots) when a client
 *       creates a node with the {@code auth} scheme; changing their format strands existing ACLs.
 * </ul>
 *
 * <p>Compatibility: methods added to this interface after its first release have default implementations, so
 * providers compiled against an older version keep loading.
 */
public interface AuthenticationProvider {

    /**
     * The scheme name as it appears in ACLs and auth packets, e.g. {@code digest}: non-empty, without {@code :},
     * and the same on every call.
     */
    String scheme();

    /**
     * Called once, before any other method but {@link #scheme()}, with the server's settings: every zoo.cfg key
     * as written there, plus every {@code zookeeper.*} system property with that prefix removed (zoo.cfg wins).
     * Read your own options here, under a prefix of your own (the built-in providers use their ZooKeeper class
     * names, e.g. {@code DigestAuthenticationProvider.superDigest}).
     *
     * @throws IllegalArgumentException for a setting the provider cannot run with; the message names the key
     *         and the server refuses to start with it
     */
    default void configure(Map<String, String> settings) {
    }

    /**
     * Authenticates a connection from the bytes of an auth packet of this scheme
     * ({@code zk.addAuthInfo(scheme, bytes)} on the Apache ZooKeeper client).
     *
     * @param authData   the packet's bytes as the client sent them (empty, never null, when it sent none)
     * @param connection what the server knows of the connection: its address and, on the TLS port, the client's
     *                   verified certificate chain
     * @return the ids the connection gains, each with its scheme: usually one id of this scheme, possibly
     *         preceded by {@code super} (a digest login with the super digest gains {@code super:} and
     *         {@code digest:super:<hash>}); never empty
     * @throws AuthenticationException when the credentials are rejected; the server then answers AUTHFAILED
     *         (-115) and closes the connection, as ZooKeeper does. The message goes to the server log only.
     */
    List<AuthId> authenticate(byte[] authData, ConnectionInfo connection) throws AuthenticationException;

    /**
     * Authenticates a connection from its completed TLS handshake, before the client sends anything. Called only
     * for the provider named by {@code ssl.authProvider} (default {@code x509}), only on the secure client port
     * when {@code ssl.clientAuth} is {@code need} or {@code want}, and only when the client presented a
     * certificate chain (already verified against the server's trust store).
     *
     * <p>The default grants nothing: schemes that do not use certificates need not care.
     *
     * @return the ids the connection gains (may be empty)
     * @throws AuthenticationException when the certificate is not acceptable; the server closes the connection
     */
    default List<AuthId> authenticateHandshake(ConnectionInfo connection) throws AuthenticationException {
        return List.of();
    }

    /**
     * Whether an id of this scheme that a connection holds satisfies the id written in an ACL entry of this
     * scheme (digest: equal strings; ip: the address is inside the entry's range).
     *
     * @param authenticatedId the id as {@link #authenticate} granted it (without the scheme)
     * @param aclId           the id of the ACL entry (without the scheme); it passed {@link #isValid} when stored
     */
    boolean matches(String authenticatedId, String aclId);

    /**
     * Whether {@code aclId} is well formed for this scheme. A create or setACL whose list holds an entry for which
     * this is false fails with INVALIDACL (-114).
     */
    boolean isValid(String aclId);

    /**
     * Whether ids of this scheme stand for an authenticated identity. An ACL entry of the {@code auth} scheme
     * (the {@code CREATOR_ALL_ACL} of the Java client) is replaced by every id of the creating connection whose
     * scheme says true here; if there is none, the create or setACL fails with INVALIDACL. {@code world} and
     * {@code ip} say false.
     */
    default boolean isAuthenticated() {
        return true;
    }

    /** The user name {@code whoAmI} reports for an id of this scheme ({@code bob} for digest's {@code bob:<hash>}). */
    default String userName(String id) {
        return id;
    }
}

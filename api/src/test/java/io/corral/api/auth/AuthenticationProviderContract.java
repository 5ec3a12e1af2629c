package io.corral.api.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The authentication SPI's contract, written once and run against every provider: a plugin module extends this
 * class, says how to build its configured provider and gives examples of good and bad input. The rules are
 * those of {@link AuthenticationProvider}'s Javadoc.
 */
public abstract class AuthenticationProviderContract {

    /** A provider configured as the server would configure it. */
    protected abstract AuthenticationProvider provider();

    /** Credentials that authenticate, or an empty list for schemes that accept no auth packet. */
    protected abstract List<Credentials> goodCredentials();

    /** Credentials that must be rejected with {@link AuthenticationException}. */
    protected abstract List<Credentials> badCredentials();

    /** ACL ids the scheme accepts. */
    protected abstract List<String> validAclIds();

    /** ACL ids the scheme must refuse (the server answers INVALIDACL). */
    protected abstract List<String> invalidAclIds();

    /** One auth packet's bytes and the connection it arrives on. */
    public record Credentials(byte[] authData, ConnectionInfo connection) {
        public static Credentials of(String text) {
            return new Credentials(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), LOOPBACK);
        }
    }

    protected static final ConnectionInfo LOOPBACK = ConnectionInfo.of(new InetSocketAddress("127.0.0.1", 40000));

    private static final List<String> ODD_IDS = List.of("", ":", "::::", "/", "a/99", "\u0000", "x".repeat(10_000),
            "CN=", "=,=", "\uD800", "1.2.3.4/", "::1/129", " ", "anyone ");

    @Test
    void schemeIsANonEmptyNameWithoutColonAndStable() {
        AuthenticationProvider p = provider();
        String scheme = p.scheme();
        assertNotNull(scheme);
        assertFalse(scheme.isEmpty(), "the scheme must not be empty");
        assertFalse(scheme.contains(":"), "a scheme with ':' cannot be told apart from its id in 'scheme:id'");
        assertEquals(scheme, p.scheme());
    }

    @Test
    void goodCredentialsGiveIdsThatAreValidAndMatchThemselves() throws AuthenticationException {
        AuthenticationProvider p = provider();
        for (Credentials c : goodCredentials()) {
            List<AuthId> ids = p.authenticate(c.authData(), c.connection());
            assertNotNull(ids);
            assertFalse(ids.isEmpty(), "authenticate must grant at least one id or throw");
            boolean ownScheme = false;
            for (AuthId id : ids) {
                if (id.scheme().equals(p.scheme())) {
                    ownScheme = true;
                    assertTrue(p.isValid(id.id()), () -> "a granted id must be storable in an ACL: " + id);
                    assertTrue(p.matches(id.id(), id.id()), () -> "an ACL naming exactly the granted id must match: " + id);
                    assertNotNull(assertDoesNotThrow(() -> p.userName(id.id())));
                }
            }
            assertTrue(ownScheme, () -> "no id of scheme " + p.scheme() + " in " + ids);
        }
    }

    @Test
    void authenticationIsDeterministic() throws AuthenticationException {
        AuthenticationProvider p = provider();
        for (Credentials c : goodCredentials()) {
            assertEquals(p.authenticate(c.authData(), c.connection()), p.authenticate(c.authData(), c.connection()),
                    "the same credentials must give the same ids, or ACLs that name them stop matching");
        }
    }

    @Test
    void badCredentialsAreRejectedWithAuthenticationException() {
        AuthenticationProvider p = provider();
        for (Credentials c : badCredentials()) {
            assertThrows(AuthenticationException.class, () -> p.authenticate(c.authData(), c.connection()),
                    () -> "credentials '" + new String(c.authData(), java.nio.charset.StandardCharsets.UTF_8)
                            + "' were accepted");
        }
    }

    @Test
    void validAndInvalidAclIds() {
        AuthenticationProvider p = provider();
        for (String id : validAclIds()) {
            assertTrue(p.isValid(id), () -> "should be valid: " + id);
        }
        for (String id : invalidAclIds()) {
            assertFalse(p.isValid(id), () -> "should be invalid: " + id);
        }
    }

    @Test
    void oddInputNeverThrows() {
        AuthenticationProvider p = provider();
        for (String a : ODD_IDS) {
            assertDoesNotThrow(() -> p.isValid(a), () -> "isValid threw for '" + a + "'");
            for (String b : ODD_IDS) {
                assertDoesNotThrow(() -> p.matches(a, b), () -> "matches threw for '" + a + "', '" + b + "'");
            }
        }
    }

    @Test
    void handshakeWithoutCertificateEitherGrantsOrRejectsCleanly() {
        AuthenticationProvider p = provider();
        try {
            assertNotNull(p.authenticateHandshake(LOOPBACK));
        } catch (AuthenticationException expected) {
            // a certificate scheme refuses a connection without one
        }
    }
}

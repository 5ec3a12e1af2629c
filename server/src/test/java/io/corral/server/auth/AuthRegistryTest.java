package io.corral.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.ConnectionInfo;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.server.config.AuthConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry's checks, rule by rule as Apache ZooKeeper 3.9.3's checkACL and fixupACL apply them. */
class AuthRegistryTest {
    private static final ConnectionInfo LOCAL = ConnectionInfo.of(new InetSocketAddress("127.0.0.1", 5555));
    private static final AuthId IP = new AuthId("ip", "127.0.0.1");
    private static final String BOB = "bob:fyVmFCwVbTJYrznoSu1koqYEYF0="; // bob:secret, SHA-1
    private static final AuthId BOB_ID = new AuthId("digest", BOB);

    private final AuthRegistry registry = load(AuthConfig.defaults(), Map.of());

    private static AuthRegistry load(AuthConfig config, Map<String, String> settings) {
        return AuthRegistry.load(config, settings, AuthRegistryTest.class.getClassLoader());
    }

    private static ACL acl(int perms, String scheme, String id) {
        return new ACL(perms, new Id(scheme, id));
    }

    @Test
    void theBuiltInSchemesAreFound() {
        for (String scheme : List.of("world", "digest", "ip", "super", "x509")) {
            assertNotNull(registry.provider(scheme), scheme);
        }
    }

    @Test
    void anEmptyListAllowsAnything() {
        assertTrue(registry.allows(List.of(), Perms.ADMIN, List.of()));
    }

    @Test
    void anEntryGrantsOnlyItsPermissionBits() {
        List<ACL> readCreate = List.of(acl(Perms.READ | Perms.CREATE, "world", "anyone"));
        assertTrue(registry.allows(readCreate, Perms.READ, List.of(IP)));
        assertTrue(registry.allows(readCreate, Perms.CREATE, List.of(IP)));
        assertFalse(registry.allows(readCreate, Perms.WRITE, List.of(IP)));
        assertFalse(registry.allows(readCreate, Perms.DELETE, List.of(IP)));
        assertFalse(registry.allows(readCreate, Perms.ADMIN, List.of(IP)));
        assertTrue(registry.allows(readCreate, Perms.READ | Perms.ADMIN, List.of(IP)), "getACL needs READ or ADMIN");
    }

    @Test
    void idsMatchOnlyEntriesOfTheirOwnScheme() {
        List<ACL> bobs = List.of(acl(Perms.ALL, "digest", BOB));
        assertTrue(registry.allows(bobs, Perms.WRITE, List.of(IP, BOB_ID)));
        assertFalse(registry.allows(bobs, Perms.WRITE, List.of(IP)));
        assertFalse(registry.allows(bobs, Perms.WRITE, List.of(new AuthId("x509", BOB))));
        assertTrue(registry.allows(List.of(acl(Perms.READ, "ip", "127.0.0.0/8")), Perms.READ, List.of(IP)));
        assertFalse(registry.allows(List.of(acl(Perms.READ, "ip", "10.0.0.0/8")), Perms.READ, List.of(IP)));
    }

    @Test
    void superPassesEveryCheck() {
        List<ACL> nobody = List.of(acl(Perms.READ, "digest", BOB));
        assertTrue(registry.allows(nobody, Perms.ADMIN, List.of(IP, new AuthId("super", ""))));
    }

    @Test
    void skipAclAllowsEverything() {
        AuthRegistry skip = load(new AuthConfig(false, List.of(), Map.of(), true, true), Map.of());
        assertTrue(skip.allows(List.of(acl(Perms.READ, "digest", BOB)), Perms.ADMIN, List.of(IP)));
    }

    @Test
    void fixupRemovesDuplicatesAndKeepsOrder() throws InvalidAclException {
        ACL world = acl(Perms.READ, "world", "anyone");
        ACL bob = acl(Perms.ALL, "digest", BOB);
        assertEquals(List.of(world, bob), registry.fixup(List.of(world, bob, world), List.of(IP)));
    }

    @Test
    void authExpandsToEveryAuthenticatedIdButNotIpOrSuper() throws InvalidAclException {
        AuthId x509 = new AuthId("x509", "CN=app");
        List<ACL> fixed = registry.fixup(List.of(acl(Perms.ALL, "auth", "")),
                List.of(IP, new AuthId("super", ""), BOB_ID, x509));
        assertEquals(List.of(acl(Perms.ALL, "digest", BOB), acl(Perms.ALL, "x509", "CN=app")), fixed);
        assertEquals(List.of(acl(Perms.READ, "digest", BOB)),
                registry.fixup(List.of(acl(Perms.READ, "auth", "ignored")), List.of(BOB_ID)), "the auth id is ignored");
    }

    @Test
    void invalidLists() {
        assertInvalid(List.of(), List.of(BOB_ID), "empty");
        assertInvalid(List.of(acl(Perms.ALL, "auth", "")), List.of(IP), "authenticated id");
        assertInvalid(List.of(acl(Perms.ALL, "world", "nobody")), List.of(IP), "world");
        assertInvalid(List.of(acl(Perms.ALL, "digest", "bob")), List.of(IP), "digest");
        assertInvalid(List.of(acl(Perms.ALL, "ip", "10.0.0.300")), List.of(IP), "ip");
        assertInvalid(List.of(acl(Perms.ALL, "ip", "localhost")), List.of(IP), "ip");
        assertInvalid(List.of(acl(Perms.ALL, "x509", "not a dn")), List.of(IP), "x509");
        assertInvalid(List.of(acl(Perms.ALL, "super", "")), List.of(IP), "super");
        assertInvalid(List.of(acl(Perms.ALL, "kerberos", "bob")), List.of(IP), "unknown scheme 'kerberos'");
        assertInvalid(List.of(new ACL(Perms.ALL, new Id(null, "x"))), List.of(IP), "no scheme");
    }

    private void assertInvalid(List<ACL> acl, List<AuthId> ids, String reasonPart) {
        InvalidAclException e = assertThrows(InvalidAclException.class, () -> registry.fixup(acl, ids));
        assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
    }

    @Test
    void authenticateGivesDigestIdsAndRefusesUnknownSchemes() throws AuthenticationException {
        assertEquals(List.of(BOB_ID), registry.authenticate("digest", "bob:secret".getBytes(StandardCharsets.UTF_8), LOCAL));
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> registry.authenticate("kerberos", new byte[0], LOCAL));
        assertTrue(e.getMessage().contains("kerberos"), e.getMessage());
        assertThrows(AuthenticationException.class, () -> registry.authenticate("super", new byte[0], LOCAL));
        assertThrows(AuthenticationException.class, () -> registry.authenticate("x509", new byte[0], LOCAL),
                "no certificate on a plain connection");
    }

    @Test
    void superDigestFromSettings() throws AuthenticationException {
        AuthRegistry r = load(AuthConfig.defaults(),
                Map.of("DigestAuthenticationProvider.superDigest", "super:g9oN2HttPfn8MMWJZ2r45Np/LIA="));
        List<AuthId> ids = r.authenticate("digest", "super:superpw".getBytes(StandardCharsets.UTF_8), LOCAL);
        assertEquals(new AuthId("super", ""), ids.get(0));
        assertTrue(r.allows(List.of(acl(Perms.READ, "digest", BOB)), Perms.ADMIN, ids));
    }

    @Test
    void enforcementNeedsAnIdOfAnEnforcedScheme() {
        AuthRegistry r = load(new AuthConfig(true, List.of("digest", "x509"), Map.of(), true, false), Map.of());
        assertFalse(r.passesEnforcement(List.of(IP)));
        assertTrue(r.passesEnforcement(List.of(IP, BOB_ID)));
        assertTrue(registry.passesEnforcement(List.of()), "off by default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> load(new AuthConfig(true, List.of("sasl"), Map.of(), true, false), Map.of()));
        assertTrue(e.getMessage().contains("enforce.auth.schemes") && e.getMessage().contains("sasl"), e.getMessage());
    }

    @Test
    void digestCanBeDisabled() {
        assertNull(load(new AuthConfig(false, List.of(), Map.of(), false, false), Map.of()).provider("digest"));
    }

    /** A scheme named in zoo.cfg by class. */
    public static final class EchoProvider implements AuthenticationProvider {
        @Override
        public String scheme() {
            return "echo";
        }

        @Override
        public List<AuthId> authenticate(byte[] authData, ConnectionInfo connection) {
            return List.of(new AuthId("echo", new String(authData, StandardCharsets.UTF_8)));
        }

        @Override
        public boolean matches(String authenticatedId, String aclId) {
            return authenticatedId.equals(aclId);
        }

        @Override
        public boolean isValid(String aclId) {
            return !aclId.isEmpty();
        }
    }

    @Test
    void authProviderClassesAreLoadedAndZooKeeperClassNamesAccepted() throws Exception {
        AuthRegistry r = load(new AuthConfig(false, List.of(), Map.of(
                "authProvider.1", EchoProvider.class.getName(),
                "authProvider.x509", "org.apache.zookeeper.server.auth.X509AuthenticationProvider",
                "authProvider.sasl", "org.apache.zookeeper.server.auth.SASLAuthenticationProvider"), true, false), Map.of());
        assertEquals(List.of(new AuthId("echo", "hi")), r.authenticate("echo", "hi".getBytes(StandardCharsets.UTF_8), LOCAL));
        assertNotNull(r.provider("x509"));
        assertNull(r.provider("sasl"));
    }

    @Test
    void aProviderClassThatCannotBeLoadedIsAnErrorNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(new AuthConfig(false,
                List.of(), Map.of("authProvider.7", "com.example.Missing"), true, false), Map.of()));
        assertTrue(e.getMessage().contains("authProvider.7=com.example.Missing") && e.getMessage().contains("lib/"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> load(new AuthConfig(false, List.of(),
                Map.of("authProvider.1", String.class.getName()), true, false), Map.of()));
        assertTrue(e.getMessage().contains("does not implement"), e.getMessage());
    }
}

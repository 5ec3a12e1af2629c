package io.corral.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.ConnectionInfo;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ids as Apache ZooKeeper 3.9.3's DigestAuthenticationProvider prints them (its main, per digestAlg). */
class DigestAuthenticationProviderTest {
    private static final ConnectionInfo CONN = ConnectionInfo.of(new InetSocketAddress("127.0.0.1", 5000));

    private static List<AuthId> login(DigestAuthenticationProvider p, String credentials) {
        return p.authenticate(credentials.getBytes(StandardCharsets.UTF_8), CONN);
    }

    private static DigestAuthenticationProvider configured(Map<String, String> settings) {
        DigestAuthenticationProvider p = new DigestAuthenticationProvider();
        p.configure(settings);
        return p;
    }

    @Test
    void sha1IsTheDefaultAndMatchesZooKeeper() {
        DigestAuthenticationProvider p = configured(Map.of());
        assertEquals(List.of(new AuthId("digest", "bob:fyVmFCwVbTJYrznoSu1koqYEYF0=")), login(p, "bob:secret"));
        assertEquals("super:g9oN2HttPfn8MMWJZ2r45Np/LIA=", DigestAuthenticationProvider.digest("super:superpw"));
    }

    @Test
    void configurableAlgorithmsMatchZooKeeper() {
        assertEquals("bob:huAluaVu3uER4LIpielGv9Qqk5x3YVDr6I2R/mXf2wE=", login(configured(
                Map.of("DigestAuthenticationProvider.digestAlg", "SHA-256")), "bob:secret").get(0).id());
        // zoo.cfg written with the prefix, as a ZooKeeper system property would be
        assertEquals("bob:ukO6WgYOvbjGYGRnCevsZ2T9tQ3ynirMDLl7Q45X6Rc=", login(configured(
                Map.of("zookeeper.DigestAuthenticationProvider.digestAlg", "SHA3-256")), "bob:secret").get(0).id());
    }

    @Test
    void bouncyCastleServesAlgorithmsTheRuntimeLacks() {
        DigestAuthenticationProvider p = configured(Map.of("DigestAuthenticationProvider.digestAlg", "BLAKE2B-256"));
        String id = login(p, "bob:secret").get(0).id();
        assertTrue(id.startsWith("bob:") && id.length() == "bob:".length() + 44, id);
    }

    @Test
    void unknownAlgorithmIsAConfigurationErrorNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> configured(Map.of("DigestAuthenticationProvider.digestAlg", "MD-42")));
        assertTrue(e.getMessage().contains("DigestAuthenticationProvider.digestAlg"), e.getMessage());
        assertTrue(e.getMessage().contains("MD-42"), e.getMessage());
    }

    @Test
    void superDigestGrantsSuperFirstAsZooKeeperDoes() {
        DigestAuthenticationProvider p = configured(
                Map.of("DigestAuthenticationProvider.superDigest", "super:g9oN2HttPfn8MMWJZ2r45Np/LIA="));
        assertEquals(List.of(new AuthId("super", ""), new AuthId("digest", "super:g9oN2HttPfn8MMWJZ2r45Np/LIA=")),
                login(p, "super:superpw"));
        assertEquals(1, login(p, "super:wrong").size(), "a wrong password is just another digest id");
    }

    @Test
    void credentialsWithoutColonAuthenticateLikeZooKeeper() {
        DigestAuthenticationProvider p = configured(Map.of());
        assertEquals("nocolon:Ra+cHr2ZoHvBjtNArFGNGlVie4g=", login(p, "nocolon").get(0).id());
        assertEquals(":2jmj7l5rSw0yVb/vlWAYkK/YBwk=", login(p, "").get(0).id());
    }

    @Test
    void validityFollowsZooKeepersSplitRule() {
        DigestAuthenticationProvider p = configured(Map.of());
        assertTrue(p.isValid("bob:abc"));
        assertTrue(p.isValid(":abc"));
        assertTrue(p.isValid("bob:abc::"));
        assertFalse(p.isValid("bob"));
        assertFalse(p.isValid("bob:"));
        assertFalse(p.isValid("bob:a:b"));
        assertFalse(p.isValid("bob::b"));
    }

    @Test
    void userNameIsThePartBeforeTheHash() {
        DigestAuthenticationProvider p = configured(Map.of());
        assertEquals("bob", p.userName("bob:abc"));
        assertEquals("", p.userName(":abc"));
    }
}

package io.corral.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.server.config.TlsConfig.ClientAuth;
import io.corral.server.config.TlsConfig.StoreType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TLS and authentication keys: ZooKeeper's names, from zoo.cfg or zookeeper.* system properties. */
class SecurityConfigTest {
    private static ServerConfig load(Map<String, String> file, Map<String, String> sys) throws ConfigException {
        Map<String, String> withDir = new HashMap<>(file);
        withDir.putIfAbsent("dataDir", "/var/corral");
        return ConfigLoader.fromValues(withDir, sys, "test-zoo.cfg");
    }

    @Test
    void tlsIsOffAndAuthUnenforcedByDefault() throws ConfigException {
        ServerConfig c = load(Map.of(), Map.of());
        assertFalse(c.tls().enabled());
        assertFalse(c.auth().enforceAuth());
        assertTrue(c.auth().digestEnabled());
        assertFalse(c.auth().skipAcl());
    }

    @Test
    void aSecurePortWithItsStores(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "from-file\n");
        ServerConfig c = load(Map.of("secureClientPort", "2281", "secureClientPortAddress", "127.0.0.1",
                "ssl.keyStore.location", "/etc/corral/server.p12", "ssl.keyStore.password", "kpw",
                "ssl.trustStore.location", "/etc/corral/ca.pem", "ssl.trustStore.passwordPath", secret.toString(),
                "ssl.clientAuth", "want", "ssl.enabledProtocols", "TLSv1.3, TLSv1.2",
                "ssl.ciphersuites", "TLS_AES_128_GCM_SHA256", "client.certReload", "true"), Map.of());
        TlsConfig t = c.tls();
        assertEquals(2281, t.port());
        assertEquals("127.0.0.1", t.address());
        assertEquals(StoreType.PKCS12, t.keyStore().type());
        assertEquals("kpw", t.keyStore().password());
        assertEquals(StoreType.PEM, t.trustStore().type());
        assertEquals("from-file", t.trustStore().password(), "passwordPath wins, less its line break");
        assertEquals(ClientAuth.WANT, t.clientAuth());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), t.enabledProtocols());
        assertEquals(List.of("TLS_AES_128_GCM_SHA256"), t.cipherSuites());
        assertTrue(t.certReload());
        assertEquals("x509", t.authProvider());
    }

    @Test
    void systemPropertiesInZooKeepersFormWork() throws ConfigException {
        ServerConfig c = load(Map.of("secureClientPort", "2281"), Map.of(
                "zookeeper.ssl.keyStore.location", "/k.jks", "zookeeper.ssl.keyStore.type", "PKCS12",
                "zookeeper.enforce.auth.enabled", "true", "zookeeper.enforce.auth.schemes", "digest, x509",
                "zookeeper.authProvider.1", "com.example.Token"));
        assertEquals(StoreType.PKCS12, c.tls().keyStore().type(), "the type key wins over the extension");
        assertEquals(ClientAuth.NEED, c.tls().clientAuth(), "ZooKeeper's default");
        assertNull(c.tls().trustStore());
        assertTrue(c.auth().enforceAuth());
        assertEquals(List.of("digest", "x509"), c.auth().enforceAuthSchemes());
        assertEquals(Map.of("authProvider.1", "com.example.Token"), c.auth().providerClasses());
    }

    @Test
    void camelCaseEnforcementAliases() throws ConfigException {
        ServerConfig c = load(Map.of("enforceAuthEnabled", "true", "enforceAuthSchemes", "digest"), Map.of());
        assertTrue(c.auth().enforceAuth());
        assertEquals(List.of("digest"), c.auth().enforceAuthSchemes());
    }

    @ParameterizedTest
    @CsvSource({
        "secureClientPort, 70000, secureClientPort",
        "ssl.clientAuth, sometimes, ssl.clientAuth",
        "ssl.keyStore.type, BCFKS, ssl.keyStore.type",
        "ssl.keyStore.type, P7B, ssl.keyStore.type",
        "client.certReload, maybe, client.certReload"})
    void badTlsValuesNameTheirKey(String key, String value, String named) {
        Map<String, String> cfg = new HashMap<>(Map.of("secureClientPort", "2281", "ssl.keyStore.location", "/k.p12"));
        cfg.put(key, value);
        ConfigException e = assertThrows(ConfigException.class, () -> load(cfg, Map.of()));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void aSecurePortNeedsAKeyStore() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("secureClientPort", "2281"), Map.of()));
        assertTrue(e.getMessage().contains("ssl.keyStore.location"), e.getMessage());
    }

    @Test
    void aStoreOfUnknownTypeNeedsItsTypeKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(
                Map.of("secureClientPort", "2281", "ssl.keyStore.location", "/etc/server.store"), Map.of()));
        assertTrue(e.getMessage().contains("ssl.keyStore.type"), e.getMessage());
    }

    @Test
    void enforcementWithoutSchemesIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("enforce.auth.enabled", "true"), Map.of()));
        assertTrue(e.getMessage().contains("enforce.auth.schemes"), e.getMessage());
    }

    @Test
    void skipAclOnlyForYesAsInZooKeeper() throws ConfigException {
        assertTrue(load(Map.of("skipACL", "yes"), Map.of()).auth().skipAcl());
        assertFalse(load(Map.of("skipACL", "true"), Map.of()).auth().skipAcl());
    }

    @Test
    void securityKeysAreKnown() {
        for (String k : List.of("secureClientPort", "ssl.keyStore.location", "client.certReload", "enforce.auth.enabled",
                "enforce.auth.schemes", "DigestAuthenticationProvider.digestAlg", "X509AuthenticationProvider.superUser",
                "authProvider.1")) {
            assertTrue(KnownKeys.isKnown(k), k);
        }
    }
}

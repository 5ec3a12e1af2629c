package io.corral.server.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnownKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"tickTime", "dataDir", "jute.maxbuffer", "snapCount", "autopurge.snapRetainCount",
        "autopurge.purgeInterval", "4lw.commands.whitelist", "server.1", "authProvider.1", "ssl.keyStore.location",
        "zookeeper.extendedTypesEnabled", "initLimit"})
    void zooKeeperKeysAreKnown(String key) {
        assertTrue(KnownKeys.isKnown(key), key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tickTimeMs", "myPlugin.option", "", "server"})
    void othersAreNot(String key) {
        assertFalse(KnownKeys.isKnown(key), key);
    }
}

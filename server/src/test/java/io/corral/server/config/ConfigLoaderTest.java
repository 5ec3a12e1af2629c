package io.corral.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    private static final String SOURCE = "test-zoo.cfg";

    private static ServerConfig load(Map<String, String> file, Map<String, String> sys) throws ConfigException {
        Map<String, String> withDir = new HashMap<>(file);
        withDir.putIfAbsent("dataDir", "/var/corral");
        return ConfigLoader.fromValues(withDir, sys, SOURCE);
    }

    @Test
    void defaultsFollowZooKeeper() throws ConfigException {
        ServerConfig c = load(Map.of(), Map.of());
        assertEquals(3000, c.tickTimeMs());
        assertEquals(2 * 3000, c.minSessionTimeoutMs());
        assertEquals(20 * 3000, c.maxSessionTimeoutMs());
        assertEquals(60, c.maxClientCnxns());
        assertEquals(0xfffff, c.juteMaxBuffer());
        assertEquals(2181, c.clientPort());
        assertFalse(c.extendedTypesEnabled());
        assertTrue(c.fourLetterWordWhitelist().contains("srvr"));
        assertTrue(c.fourLetterWordAllowed("srvr"));
        assertFalse(c.fourLetterWordAllowed("mntr"));
        assertEquals(Path.of("/var/corral"), c.dataDir());
        assertEquals(c.dataDir(), c.dataLogDir(), "dataLogDir defaults to dataDir");
        assertEquals(60_000, c.containerCheckIntervalMs());
        assertEquals(10_000, c.containerMaxPerMinute());
        assertEquals(0, c.containerMaxNeverUsedIntervalMs());
        assertEquals("file", c.persistenceProvider());
        assertEquals(100_000, c.snapCount());
        assertEquals(3, c.snapRetainCount());
        assertEquals(0, c.purgeIntervalHours(), "autopurge is off by default");
    }

    @Test
    void aSnapRetainCountBelowThreeIsRaisedToThreeAsZooKeeperDoes() throws ConfigException {
        assertEquals(3, load(Map.of("autopurge.snapRetainCount", "1"), Map.of()).snapRetainCount());
    }

    @ParameterizedTest(name = "tickTime={0}, min={1}, max={2} -> [{3}, {4}]")
    @CsvSource({
        "2000, ,      ,      4000,  40000",
        "2000, -1,    -1,    4000,  40000",
        "1000, 500,   ,      500,   20000",
        "1000, ,      9000,  2000,  9000",
        "1000, 7000,  7000,  7000,  7000",
    })
    void sessionTimeoutBoundsDeriveFromTickTime(int tick, Integer min, Integer max, int expectMin, int expectMax)
            throws ConfigException {
        Map<String, String> file = new HashMap<>();
        file.put("tickTime", Integer.toString(tick));
        if (min != null) {
            file.put("minSessionTimeout", min.toString());
        }
        if (max != null) {
            file.put("maxSessionTimeout", max.toString());
        }
        ServerConfig c = load(file, Map.of());
        assertEquals(expectMin, c.minSessionTimeoutMs());
        assertEquals(expectMax, c.maxSessionTimeoutMs());
    }

    static Stream<Arguments> precedence() {
        Function<ServerConfig, Object> tick = ServerConfig::tickTimeMs;
        Function<ServerConfig, Object> jute = ServerConfig::juteMaxBuffer;
        Function<ServerConfig, Object> ext = ServerConfig::extendedTypesEnabled;
        return Stream.of(
                Arguments.of("zoo.cfg beats zookeeper.<key>",
                        Map.of("tickTime", "2000"), Map.of("zookeeper.tickTime", "5000"), tick, 2000),
                Arguments.of("zookeeper.<key> fills a gap in zoo.cfg",
                        Map.of(), Map.of("zookeeper.tickTime", "5000"), tick, 5000),
                Arguments.of("an unprefixed tickTime property is not read",
                        Map.of(), Map.of("tickTime", "5000"), tick, 3000),
                Arguments.of("jute.maxbuffer is read without the prefix",
                        Map.of(), Map.of("jute.maxbuffer", "1234"), jute, 1234),
                Arguments.of("the prefixed form beats the unprefixed one",
                        Map.of(), Map.of("jute.maxbuffer", "1000", "zookeeper.jute.maxbuffer", "2000"), jute, 2000),
                Arguments.of("extended types from the system property",
                        Map.of(), Map.of("zookeeper.extendedTypesEnabled", "true"), ext, true),
                Arguments.of("extended types: zoo.cfg still wins",
                        Map.of("extendedTypesEnabled", "false"), Map.of("zookeeper.extendedTypesEnabled", "true"),
                        ext, false),
                Arguments.of("booleans ignore case",
                        Map.of("extendedTypesEnabled", "TRUE"), Map.of(), ext, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precedence")
    void sourcesArePickedInOrder(String name, Map<String, String> file, Map<String, String> sys,
                                 Function<ServerConfig, Object> read, Object expected) throws ConfigException {
        assertEquals(expected, read.apply(load(file, sys)));
    }

    @Test
    void systemPropertiesOfOtherProgramsAreIgnored() throws ConfigException {
        ServerConfig c = load(Map.of(), Map.of("java.version", "17", "user.dir", "/x"));
        assertFalse(c.settings().containsKey("java.version"));
        assertEquals(3000, c.tickTimeMs());
    }

    @Test
    void settingsCarryUnknownKeysAndPrefixedPropertiesForPlugins() throws ConfigException {
        ServerConfig c = load(Map.of("authProvider.1", "com.example.Auth", "myPlugin.option", "x"),
                Map.of("zookeeper.DigestAuthenticationProvider.superDigest", "super:abc"));
        assertEquals("com.example.Auth", c.settings().get("authProvider.1"));
        assertEquals("x", c.settings().get("myPlugin.option"));
        assertEquals("super:abc", c.settings().get("DigestAuthenticationProvider.superDigest"));
    }

    @ParameterizedTest(name = "whitelist ''{0}''")
    @CsvSource(delimiter = '|', value = {
        "ruok, STAT     | ruok,stat,srvr | mntr",
        "''             | srvr           | ruok",
        "ruok,,  ,conf  | ruok,conf,srvr | stat",
    })
    void whitelistIsTrimmedLowerCasedAndAlwaysHasSrvr(String list, String allowed, String refused)
            throws ConfigException {
        ServerConfig c = load(Map.of("4lw.commands.whitelist", list), Map.of());
        for (String cmd : allowed.split(",")) {
            assertTrue(c.fourLetterWordAllowed(cmd), cmd + " should be allowed by '" + list + "'");
        }
        assertFalse(c.fourLetterWordAllowed(refused));
    }

    @Test
    void starAllowsEveryCommand() throws ConfigException {
        ServerConfig c = load(Map.of("4lw.commands.whitelist", "*"), Map.of());
        assertTrue(c.fourLetterWordAllowed("mntr"));
        assertTrue(c.fourLetterWordAllowed("dump"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "tickTime,                abc",
        "tickTime,                0",
        "tickTime,                -5",
        "tickTime,                99999999999",
        "clientPort,              70000",
        "clientPort,              -1",
        "clientPort,              http",
        "extendedTypesEnabled,    maybe",
        "maxClientCnxns,          -1",
        "jute.maxbuffer,          0",
        "minSessionTimeout,       0",
        "minSessionTimeout,       soon",
        "znode.container.checkIntervalMs, 0",
        "znode.container.maxNeverUsedIntervalMs, -1",
        "maxOutstandingPerConnection, 0",
    })
    void badValuesNameKeyAndValue(String key, String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(key, value), Map.of()));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(SOURCE), e.getMessage());
    }

    @Test
    void badValueFromSystemPropertyNamesTheKeyToo() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of(), Map.of("zookeeper.extendedTypesEnabled", "maybe")));
        assertTrue(e.getMessage().contains("extendedTypesEnabled"), e.getMessage());
        assertTrue(e.getMessage().contains("maybe"), e.getMessage());
    }

    @Test
    void maxBelowMinIsRefusedWithBothValues() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("minSessionTimeout", "10000", "maxSessionTimeout", "5000"), Map.of()));
        assertTrue(e.getMessage().contains("maxSessionTimeout"), e.getMessage());
        assertTrue(e.getMessage().contains("5000"), e.getMessage());
        assertTrue(e.getMessage().contains("minSessionTimeout"), e.getMessage());
        assertTrue(e.getMessage().contains("10000"), e.getMessage());
    }

    @Test
    void defaultMaxBelowConfiguredMinIsRefused() {
        // tickTime 1000: the default max is 20000, below the configured min.
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("tickTime", "1000", "minSessionTimeout", "30000"), Map.of()));
        assertTrue(e.getMessage().contains("maxSessionTimeout"), e.getMessage());
    }

    @Test
    void missingOrEmptyDataDirIsRefused() {
        for (Map<String, String> file : java.util.List.of(Map.<String, String>of(), Map.of("dataDir", "  "))) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.fromValues(file, Map.of(), SOURCE));
            assertTrue(e.getMessage().contains("dataDir"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "requested {0} -> {1}")
    @CsvSource({
        "1000,       4000",
        "4000,       4000",
        "10000,      10000",
        "40000,      40000",
        "10000000,   40000",
        "0,          4000",
        "-1,         4000",
    })
    void negotiateSessionTimeoutClamps(int requested, int negotiated) throws ConfigException {
        ServerConfig c = load(Map.of("tickTime", "2000"), Map.of());
        assertEquals(negotiated, c.negotiateSessionTimeout(requested));
    }

    @Test
    void loadReadsAZooCfgFile(@TempDir Path dir) throws IOException, ConfigException {
        Path cfg = dir.resolve("zoo.cfg");
        Files.writeString(cfg, String.join("\n",
                "# a comment",
                "tickTime = 2000   ",
                "dataDir=" + dir.resolve("data"),
                "dataLogDir=" + dir.resolve("log"),
                "clientPort=2182",
                "maxClientCnxns=0",
                "someKeyNobodyReads=1",
                "server.1=localhost:2888:3888",
                ""), StandardCharsets.UTF_8);
        ServerConfig c = ConfigLoader.load(cfg, Map.of("zookeeper.tickTime", "9000", "zookeeper.maxClientCnxns", "5"));
        assertEquals(2000, c.tickTimeMs(), "the file wins over the system property; trailing blanks are trimmed");
        assertEquals(4000, c.minSessionTimeoutMs());
        assertEquals(2182, c.clientPort());
        assertEquals(0, c.maxClientCnxns());
        assertEquals(dir.resolve("data"), c.dataDir());
        assertEquals(dir.resolve("log"), c.dataLogDir());
        assertEquals("1", c.settings().get("someKeyNobodyReads"), "an unknown key is kept, not an error");
    }

    @Test
    void anEnsembleMemberWithoutClientPortTakesItFromItsServerLine(@TempDir Path dir) throws IOException, ConfigException {
        Files.writeString(dir.resolve("myid"), "2\n");
        Map<String, String> file = Map.of("dataDir", dir.toString(), "initLimit", "10", "syncLimit", "5",
                "server.1", "127.0.0.1:2888:3888;127.0.0.1:2181",
                "server.2", "127.0.0.2:2889:3889;127.0.0.2:2182",
                "server.3", "127.0.0.1:2890:3890;2183");
        ServerConfig c = load(file, Map.of());
        assertEquals(2182, c.clientPort());
        assertEquals("127.0.0.2", c.clientPortAddress());
        Map<String, String> withPort = new HashMap<>(file);
        withPort.put("clientPort", "3181");
        assertEquals(3181, load(withPort, Map.of()).clientPort(), "an explicit clientPort wins");
    }

    @Test
    void loadErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("zoo.cfg");
        Files.writeString(cfg, "dataDir=/d\ntickTime=abc\n", StandardCharsets.UTF_8);
        ConfigException bad = assertThrows(ConfigException.class, () -> ConfigLoader.load(cfg, Map.of()));
        assertTrue(bad.getMessage().contains(cfg.toString()), bad.getMessage());
        assertTrue(bad.getMessage().contains("tickTime") && bad.getMessage().contains("abc"), bad.getMessage());

        Path missing = dir.resolve("nope.cfg");
        ConfigException absent = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, Map.of()));
        assertTrue(absent.getMessage().contains(missing.toString()), absent.getMessage());
    }

    @Test
    void configIsImmutable() throws ConfigException {
        Map<String, String> file = new HashMap<>(Map.of("dataDir", "/d", "4lw.commands.whitelist", "ruok"));
        ServerConfig c = ConfigLoader.fromValues(file, Map.of(), SOURCE);
        file.put("extra", "1");
        assertFalse(c.settings().containsKey("extra"));
        assertThrows(UnsupportedOperationException.class, () -> c.fourLetterWordWhitelist().add("dump"));
        assertThrows(UnsupportedOperationException.class, () -> c.settings().put("x", "y"));
    }
}

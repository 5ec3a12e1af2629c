package io.corral.server.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.corral.api.management.Caller;
import io.corral.api.management.CommandInfo;
import io.corral.api.management.CommandResult;
import io.corral.api.management.CommandResult.Outcome;
import io.corral.protocol.Code;
import io.corral.protocol.OpCode;
import io.corral.protocol.Perms;
import io.corral.protocol.data.ACL;
import io.corral.protocol.data.Id;
import io.corral.protocol.proto.SetACLRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry: names and aliases as ZooKeeper's admin server has them, unknown commands, and admin auth. */
class CommandRegistryTest {
    private final CommandRegistry registry = CommandRegistry.standard();

    @TempDir
    Path dir;

    @Test
    void primaryNamesAndAliasesAreZooKeepers() {
        Map<String, List<String>> expected = new java.util.TreeMap<>();
        expected.put("configuration", List.of("conf", "config"));
        expected.put("connection_stat_reset", List.of("crst"));
        expected.put("connections", List.of("cons"));
        expected.put("dirs", List.of());
        expected.put("dump", List.of());
        expected.put("environment", List.of("envi", "env"));
        expected.put("get_trace_mask", List.of("gtmk"));
        expected.put("hash", List.of());
        expected.put("initial_configuration", List.of("icfg"));
        expected.put("is_read_only", List.of("isro"));
        expected.put("last_snapshot", List.of("lsnp"));
        expected.put("leader", List.of("lead"));
        expected.put("monitor", List.of("mntr"));
        expected.put("observer_connection_stat_reset", List.of("orst"));
        expected.put("observers", List.of("obsr"));
        expected.put("restore", List.of("rest"));
        expected.put("ruok", List.of());
        expected.put("server_stats", List.of("srvr"));
        expected.put("set_trace_mask", List.of("stmk"));
        expected.put("snapshot", List.of("snap"));
        expected.put("stat_reset", List.of("srst"));
        expected.put("stats", List.of("stat"));
        expected.put("system_properties", List.of("sysp"));
        expected.put("voting_view", List.of());
        expected.put("watch_summary", List.of("wchs"));
        expected.put("watches", List.of("wchc"));
        expected.put("watches_by_path", List.of("wchp"));
        expected.put("zabstate", List.of());
        List<String> names = new ArrayList<>();
        for (CommandInfo info : registry.infos()) {
            names.add(info.name());
            assertEquals(new TreeSet<>(expected.get(info.name())), new TreeSet<>(info.aliases()), info.name());
            assertEquals(Set.of("snapshot", "restore").contains(info.name()), info.needsAuth(), info.name());
            assertEquals(info.name().equals("restore") ? "POST" : "GET", info.httpMethod(), info.name());
        }
        assertEquals(new ArrayList<>(expected.keySet()), names, "sorted by primary name");
    }

    @Test
    void everyFourLetterWordHasACommand() {
        for (String word : FourLetterWordService.WORDS) {
            Command c = registry.fourLetterWord(word);
            assertSame(c, registry.find(word), word);
            assertEquals(word, c.fourLetterWord());
        }
        assertNull(registry.find("xyzw"));
    }

    @Test
    void anUnknownCommandSaysSoUnderTheNameGiven() {
        CommandResult r = registry.run("no_such", Map.of(), Caller.anonymous(), null);
        assertEquals(Outcome.UNKNOWN_COMMAND, r.outcome());
        assertEquals("Unknown command: no_such", r.error());
        assertEquals(List.of("command", "error"), List.copyOf(r.toResponse().keySet()));
        assertEquals("no_such", r.toResponse().get("command"));
    }

    @Test
    void snapshotNeedsAllOnTheRoot() throws Exception {
        try (InProcessServer server = new InProcessServer(dir, Map.of("admin.snapshot.enabled", "true"))) {
            assertEquals(Outcome.AUTH_MISSING, run(server, "snapshot", null).outcome());
            assertEquals("Auth info is missing for the command", run(server, "snapshot", null).error());
            assertEquals(Outcome.NOT_AUTHENTICATED, run(server, "snapshot", "nosuchscheme x").outcome());
            // The root is open (world:anyone ALL), so any authenticated id may.
            CommandResult ok = run(server, "snap", "digest bob:pw");
            assertEquals(Outcome.OK, ok.outcome(), ok.error());
            assertEquals("snapshot", ok.command());

            try (RawSession s = new RawSession(server.port(), 30_000)) {
                String hash = Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA1").digest("admin:secret".getBytes(StandardCharsets.UTF_8)));
                List<ACL> adminOnly = List.of(new ACL(Perms.ALL, new Id("digest", "admin:" + hash)));
                assertEquals(Code.OK, s.call(OpCode.SET_ACL, new SetACLRequest("/", adminOnly, -1)));
            }
            assertEquals(Outcome.NOT_AUTHORIZED, run(server, "snapshot", "digest bob:pw").outcome());
            assertEquals("Not authorized", run(server, "snapshot", "digest bob:pw").error());
            assertEquals(Outcome.OK, run(server, "snapshot", "digest admin:secret").outcome());
            assertEquals(Outcome.UNAVAILABLE, run(server, "restore", "digest admin:secret").outcome());
        }
    }

    @Test
    void snapshotIsOffByDefault() throws Exception {
        try (InProcessServer server = new InProcessServer(dir, Map.of())) {
            CommandResult r = run(server, "snapshot", "digest bob:pw");
            assertEquals(Outcome.UNAVAILABLE, r.outcome());
            assertEquals("The snapshot command is disabled; set admin.snapshot.enabled=true in zoo.cfg to allow it", r.error());
        }
    }

    @Test
    void softErrorsComeBackNextToAnAnswer() throws Exception {
        try (InProcessServer server = new InProcessServer(dir, Map.of())) {
            CommandResult leader = server.run("leader");
            assertEquals(Outcome.OK, leader.outcome());
            assertEquals("server is not initialized", leader.error());
            CommandResult stmk = server.view().run("stmk", Map.of("traceMask", "oops"), Caller.anonymous());
            assertEquals("setTraceMask requires long traceMask argument, got oops", stmk.error());
            assertEquals(12L, server.view().run("set_trace_mask", Map.of("traceMask", "12"), Caller.anonymous()).data().get("tracemask"));
            assertEquals(12L, server.run("gtmk").data().get("tracemask"));
        }
    }

    private static CommandResult run(InProcessServer server, String command, String authorization) {
        return server.view().run(command, Map.of(), new Caller(authorization, null));
    }
}

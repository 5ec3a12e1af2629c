package io.corral.persistence.file;

import static io.corral.api.persistence.PersistenceFixtures.entry;
import static io.corral.api.persistence.PersistenceFixtures.sampleSnapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.persistence.PersistenceBackend;
import io.corral.api.persistence.PersistenceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurgeTest {
    @TempDir
    Path tmp;

    private PersistenceBackend open() throws IOException {
        return new FilePersistenceProvider().open(new PersistenceContext(tmp.resolve("data"), tmp.resolve("logs"),
                Map.of("preAllocSize", "64")));
    }

    /** Log files log.1, log.b, log.15, log.1f, log.29 and snapshots at 0xa, 0x14, 0x1e, 0x28, as a server leaves them. */
    private void fourSnapshots(PersistenceBackend b) throws IOException {
        for (long end = 10; end <= 40; end += 10) {
            for (long z = end - 9; z <= end; z++) {
                b.log().append(entry(z));
            }
            b.log().commit();
            b.log().roll();
            b.snapshots().write(end, sampleSnapshot(end));
        }
        for (long z = 41; z <= 45; z++) {
            b.log().append(entry(z));
        }
        b.log().commit();
    }

    private List<String> names(String dir) throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve(dir).resolve("version-2"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keepsTheNewestLogStartingAtOrBeforeTheOldestKeptSnapshotAndEverythingAfter() throws IOException {
        try (PersistenceBackend b = open()) {
            fourSnapshots(b);
            b.purge(2);
            assertEquals(List.of("snapshot.1e", "snapshot.28"), names("data"));
            // Snapshot 0x1e is replayed from 0x1f: log.15 (0x15..0x1e) is the newest starting at or before 0x1e
            // and is kept, as ZooKeeper's PurgeTxnLog keeps it.
            assertEquals(List.of("log.15", "log.1f", "log.29"), names("logs"));
        }
    }

    @Test
    void anIncompleteNewestSnapshotDoesNotCountAsKept() throws IOException {
        try (PersistenceBackend b = open()) {
            fourSnapshots(b);
            Files.write(tmp.resolve("data/version-2/snapshot.2d"), new byte[] {1, 2, 3});
            b.purge(1);
            assertEquals(List.of("snapshot.28", "snapshot.2d"), names("data"));
            assertEquals(List.of("log.1f", "log.29"), names("logs"));
        }
    }

    @Test
    void purgeToolAppliesTheSameRuleAndWantsAtLeastThree() throws IOException {
        try (PersistenceBackend b = open()) {
            fourSnapshots(b);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String data = tmp.resolve("data").toString();
        String logs = tmp.resolve("logs").toString();
        assertEquals(2, PurgeTool.run(new String[] {data, logs, "-n", "2"}, new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString().contains("at least 3"), err.toString());
        assertEquals(2, PurgeTool.run(new String[] {data, logs}, new PrintStream(out), new PrintStream(err)));
        assertEquals(0, PurgeTool.run(new String[] {data, logs, "-n", "3"}, new PrintStream(out), new PrintStream(err)));
        assertEquals(List.of("snapshot.14", "snapshot.1e", "snapshot.28"), names("data"));
        assertEquals(List.of("log.b", "log.15", "log.1f", "log.29").stream().sorted().toList(), names("logs"));
        assertTrue(out.toString().contains("Removed " + tmp.resolve("data/version-2/snapshot.a")), out.toString());
        assertTrue(out.toString().contains("removed 2 files"), out.toString());
        try (PersistenceBackend b = open()) {
            assertEquals(45, b.log().lastZxid());
            try (var r = b.log().readAfter(20)) {
                assertEquals(21, r.next().zxid(), "snapshot 0x14 can still be replayed");
            }
        }
    }

    @Test
    void purgeToolRefusesDirectoriesWithoutVersion2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, PurgeTool.run(new String[] {tmp.toString(), tmp.toString(), "-n", "3"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString().contains("version-2"), err.toString());
    }
}

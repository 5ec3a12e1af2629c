package io.corral.persistence.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.persistence.PersistenceContext;
import io.corral.api.persistence.PersistenceProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsAreZooKeepers() throws IOException {
        assertEquals(new FileSettings(64L * 1024 * 1024, true, -1), FileSettings.parse(Map.of()));
    }

    @Test
    void keysAreReadAsZooKeeperSpellsThem() throws IOException {
        assertEquals(new FileSettings(128 * 1024, false, 2048 * 1024),
                FileSettings.parse(Map.of("preAllocSize", " 128 ", "forceSync", "no", "txnLogSizeLimitInKb", "2048")));
        assertEquals(new FileSettings(0, true, -1),
                FileSettings.parse(Map.of("preAllocSize", "0", "forceSync", "TRUE", "txnLogSizeLimitInKb", "-1")));
        assertEquals(false, FileSettings.parse(Map.of("forceSync", "false")).forceSync());
        assertEquals(true, FileSettings.parse(Map.of()).snapshotDirectWrite());
        assertEquals(false, FileSettings.parse(Map.of("snapshot.directWrite", "no")).snapshotDirectWrite());
    }

    @Test
    void aBadValueNamesTheKeyTheValueAndWhatIsExpected() {
        for (Map<String, String> bad : List.of(Map.of("preAllocSize", "64M"), Map.of("preAllocSize", "-4"),
                Map.of("forceSync", "maybe"), Map.of("txnLogSizeLimitInKb", "lots"),
                Map.of("preAllocSize", "99999999999"), Map.of("snapshot.directWrite", "sometimes"))) {
            IOException e = assertThrows(IOException.class, () -> FileSettings.parse(bad));
            String key = bad.keySet().iterator().next();
            assertTrue(e.getMessage().contains(key) && e.getMessage().contains("'" + bad.get(key) + "'")
                    && e.getMessage().contains("expected"), e.getMessage());
        }
    }

    @Test
    void bothBackendsAreFoundByServiceLoaderAndTheFileOneCreatesItsDirectories() throws IOException {
        List<String> names = new ArrayList<>();
        PersistenceProvider file = null;
        for (PersistenceProvider p : ServiceLoader.load(PersistenceProvider.class)) {
            names.add(p.name());
            if (p.name().equals("file")) {
                file = p;
            }
        }
        assertEquals(List.of("memory", "file"), names);
        file.open(new PersistenceContext(tmp.resolve("d"), tmp.resolve("l"), Map.of())).close();
        assertTrue(tmp.resolve("d/version-2").toFile().isDirectory());
        assertTrue(tmp.resolve("l/version-2").toFile().isDirectory());
        IOException e = assertThrows(IOException.class, () -> new FilePersistenceProvider().open(
                new PersistenceContext(tmp, tmp, Map.of("forceSync", "sometimes"))));
        assertTrue(e.getMessage().contains("forceSync"), e.getMessage());
    }
}

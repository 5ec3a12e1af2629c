package io.corral.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.protocol.OpCode;
import io.corral.protocol.proto.SetWatches;
import io.corral.protocol.proto.SetWatches2;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetWatchesPlannerTest {
    @Test
    void nothingToRestoreSendsNothing() {
        assertEquals(List.of(), SetWatchesPlanner.plan(5, List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void oneShotWatchesOnlyUseTheOldSetWatches() {
        List<SetWatchesPlanner.Batch> batches =
                SetWatchesPlanner.plan(42, List.of("/d"), List.of("/e"), List.of("/c"), List.of(), List.of());
        assertEquals(1, batches.size());
        assertEquals(OpCode.SET_WATCHES, batches.get(0).opCode());
        assertEquals(new SetWatches(42, List.of("/d"), List.of("/e"), List.of("/c")), batches.get(0).record());
    }

    @Test
    void persistentWatchesNeedSetWatches2() {
        List<SetWatchesPlanner.Batch> batches =
                SetWatchesPlanner.plan(7, List.of("/d"), List.of(), List.of(), List.of("/p"), List.of("/r"));
        assertEquals(OpCode.SET_WATCHES2, batches.get(0).opCode());
        assertEquals(new SetWatches2(7, List.of("/d"), List.of(), List.of(), List.of("/p"), List.of("/r")),
                batches.get(0).record());
    }

    @Test
    void manyWatchesAreSplitIntoBoundedBatchesKeepingEveryPath() {
        List<String> data = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            data.add("/some/rather/long/path/to/a/node/number/" + i);
        }
        List<SetWatchesPlanner.Batch> batches =
                SetWatchesPlanner.plan(1, data, List.of(), List.of("/c"), List.of(), List.of());
        assertTrue(batches.size() > 1);
        List<String> restored = new ArrayList<>();
        for (SetWatchesPlanner.Batch batch : batches) {
            SetWatches sw = (SetWatches) batch.record();
            int chars = sw.dataWatches().stream().mapToInt(String::length).sum();
            assertTrue(chars < SetWatchesPlanner.MAX_BATCH_CHARS + 100, "batch of " + chars + " chars");
            restored.addAll(sw.dataWatches());
        }
        assertEquals(data, restored);
        assertEquals(List.of("/c"), ((SetWatches) batches.get(batches.size() - 1).record()).childWatches());
    }
}

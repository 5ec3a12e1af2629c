package io.corral.client;

import io.corral.protocol.OpCode;
import io.corral.protocol.jute.Record;
import io.corral.protocol.proto.SetWatches;
import io.corral.protocol.proto.SetWatches2;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Splits the watches to restore after a reconnect into SetWatches frames of about {@link #MAX_BATCH_CHARS} of path
 * text, so that thousands of watches never make one frame larger than the server accepts. A batch uses the old
 * SetWatches (101) unless it carries persistent watches, which only SetWatches2 (105) can hold: older servers keep
 * working for clients that never use addWatch.
 */
final class SetWatchesPlanner {
    static final int MAX_BATCH_CHARS = 128 * 1024;

    private SetWatchesPlanner() {
    }

    /** An op code (101 or 105) and its record. */
    record Batch(int opCode, Record record) {
    }

    /** Paths are server paths (chroot already added). */
    static List<Batch> plan(
            long relativeZxid,
            List<String> data,
            List<String> exist,
            List<String> child,
            List<String> persistent,
            List<String> persistentRecursive) {
        List<Iterator<String>> sources = List.of(data.iterator(), exist.iterator(), child.iterator(),
                persistent.iterator(), persistentRecursive.iterator());
        List<Batch> batches = new ArrayList<>();
        while (sources.stream().anyMatch(Iterator::hasNext)) {
            List<List<String>> lists = List.of(
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            int chars = 0;
            // Take from the first list that still has paths, in the order the server processes them.
            while (chars < MAX_BATCH_CHARS) {
                int source = firstWithMore(sources);
                if (source < 0) {
                    break;
                }
                String path = sources.get(source).next();
                lists.get(source).add(path);
                chars += path.length();
            }
            batches.add(toBatch(relativeZxid, lists));
        }
        return batches;
    }

    private static int firstWithMore(List<Iterator<String>> sources) {
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).hasNext()) {
                return i;
            }
        }
        return -1;
    }

    private static Batch toBatch(long relativeZxid, List<List<String>> lists) {
        if (lists.get(3).isEmpty() && lists.get(4).isEmpty()) {
            return new Batch(OpCode.SET_WATCHES,
                    new SetWatches(relativeZxid, lists.get(0), lists.get(1), lists.get(2)));
        }
        return new Batch(OpCode.SET_WATCHES2, new SetWatches2(
                relativeZxid, lists.get(0), lists.get(1), lists.get(2), lists.get(3), lists.get(4)));
    }
}

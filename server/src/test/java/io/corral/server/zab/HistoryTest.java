package io.corral.server.zab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.corral.api.persistence.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HistoryTest {

    /** The same operations on a History and on a sorted map with the documented rules give the same answers. */
    @Test
    void agreesWithASortedMapModel() {
        for (long seed = 0; seed < 30; seed++) {
            Random random = new Random(seed);
            int capacity = 1 + random.nextInt(20);
            History history = new History(capacity, 0);
            TreeMap<Long, byte[]> model = new TreeMap<>();
            long base = 0;
            long last = 0;
            for (int step = 0; step < 3000; step++) {
                int op = random.nextInt(20);
                if (op < 15) {
                    long zxid = last + 1 + random.nextInt(3) + (random.nextInt(50) == 0 ? (1L << 32) : 0);
                    byte[] txn = {(byte) zxid};
                    history.append(zxid, txn);
                    model.put(zxid, txn);
                    last = zxid;
                    while (model.size() > capacity) {
                        base = model.pollFirstEntry().getKey();
                    }
                } else if (op < 18) {
                    long zxid = Math.max(0, last - random.nextInt(2 * capacity + 2));
                    boolean held;
                    if (zxid < base) {
                        model.clear();
                        base = zxid;
                        last = zxid;
                        held = true;
                    } else {
                        held = zxid == base || model.containsKey(zxid);
                        model.tailMap(zxid, false).clear();
                        last = model.isEmpty() ? base : model.lastKey();
                    }
                    assertEquals(held, history.truncateAfter(zxid), "seed " + seed + " step " + step);
                } else if (op < 19) {
                    long zxid = last + random.nextInt(5);
                    history.reset(zxid);
                    model.clear();
                    base = zxid;
                    last = zxid;
                }
                assertEquals(base, history.base(), "seed " + seed + " step " + step);
                assertEquals(last, history.last(), "seed " + seed + " step " + step);
                assertEquals(model.navigableKeySet(), history.zxids(), "seed " + seed + " step " + step);
                long probe = Math.max(0, last - random.nextInt(capacity + 3));
                assertEquals(model.containsKey(probe), history.contains(probe));
                assertArrayEquals(model.get(probe), history.get(probe));
                List<Long> after = new ArrayList<>();
                for (LogEntry e : history.after(probe)) {
                    after.add(e.zxid());
                }
                assertEquals(new ArrayList<>(model.tailMap(probe, false).keySet()), after);
            }
        }
    }

    @Test
    void refusesToGoBackwards() {
        History history = new History(4, 10);
        history.append(11, new byte[0]);
        assertThrows(IllegalStateException.class, () -> history.append(11, new byte[0]));
    }
}

package io.corral.server.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeRecordTest {

    @Test
    void everyCombinationOfFieldsRoundTrips() {
        Random random = new Random(42);
        for (int mask = 0; mask < 128; mask++) {
            NodeRecord.Stat s = new NodeRecord.Stat(0x1_0000_0005L, 1_700_000_000_000L, 0);
            if ((mask & NodeRecord.MZXID) != 0) {
                s.mzxid = random.nextLong();
            }
            if ((mask & NodeRecord.MTIME) != 0) {
                s.mtime = random.nextLong();
            }
            if ((mask & NodeRecord.PZXID) != 0) {
                s.pzxid = random.nextLong();
            }
            if ((mask & NodeRecord.OWNER) != 0) {
                s.owner = random.nextLong() | 1;
            }
            if ((mask & NodeRecord.VERSION) != 0) {
                s.version = random.nextInt() | 1;
            }
            if ((mask & NodeRecord.CVERSION) != 0) {
                s.cversion = -1;
            }
            if ((mask & NodeRecord.AVERSION) != 0) {
                s.aversion = Integer.MAX_VALUE;
            }
            byte[] name = ("n" + mask).getBytes(StandardCharsets.UTF_8);
            byte[] data = new byte[mask];
            random.nextBytes(data);
            byte[] r = NodeRecord.encode(s, name, 0, name.length, data, 0);
            assertEquals(mask, r[0] & 0x7f, "only the fields that differ from their defaults are stored");
            NodeRecord.Stat back = new NodeRecord.Stat(r);
            assertEquals(Arrays.toString(fields(s)), Arrays.toString(fields(back)), "mask " + mask);
            assertEquals("n" + mask, NodeRecord.name(r));
            assertTrue(NodeRecord.hasInlineData(r));
            assertArrayEquals(data, Arrays.copyOfRange(r, NodeRecord.dataAt(r), r.length));
        }
    }

    @Test
    void longNamesUseAMultiByteLengthAndStatChangesKeepNameAndData() {
        byte[] name = "x".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        NodeRecord.Stat s = new NodeRecord.Stat(7, 8, 0);
        byte[] r = NodeRecord.encode(s, name, 0, name.length, new byte[] {1, 2, 3}, 0);
        assertEquals(20_000, NodeRecord.nameLength(r));
        s.cversion = 3;
        s.pzxid = 9;
        byte[] changed = NodeRecord.withStat(r, s, r, NodeRecord.dataAt(r));
        assertEquals(3, NodeRecord.cversion(changed));
        assertEquals(9, NodeRecord.pzxid(changed));
        assertEquals(7, NodeRecord.mzxid(changed));
        assertEquals("x".repeat(20_000), NodeRecord.name(changed));
        assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOfRange(changed, NodeRecord.dataAt(changed), changed.length));
        byte[] noData = NodeRecord.withStat(r, s, null, 0);
        assertFalse(NodeRecord.hasInlineData(noData));
    }

    private static long[] fields(NodeRecord.Stat s) {
        return new long[] {s.czxid, s.ctime, s.mzxid, s.mtime, s.pzxid, s.owner, s.version, s.cversion, s.aversion};
    }
}

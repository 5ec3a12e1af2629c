package io.corral.server.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * A node's children, found by name: an open-addressing table of the child nodes themselves, with linear probing
 * and no entry objects. A child's name lives only in its own record, so a child costs one slot here (and its
 * hash beside it) and nothing else; the tree has no map from full paths (a lookup walks down from the root, one
 * table per segment). The hashes sit in their own array so that probing past other children reads that array
 * in order, instead of one scattered node per probe: the lookup that fails, on every create, probes furthest.
 *
 * <p>Names hash as the sum {@code 31^k * byte} over their UTF-8 bytes, which for an ASCII name is the same number
 * as {@link String#hashCode()} of its characters: a lookup by a path segment needs no encoding unless the
 * segment has non-ASCII characters. At most three quarters full; removal re-seats the rest of the probe
 * cluster, so there are no tombstones.
 *
 * <p>Not thread-safe: the owning {@link DataNode} guards it with its monitor.
 */
final class ChildTable {
    private static final int MIN_CAPACITY = 4;

    private DataNode[] slots = new DataNode[MIN_CAPACITY];
    private int[] hashes = new int[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /** The child named by the ASCII segment {@code path[from, to)}, hashing to {@code hash}; or null. */
    DataNode find(String path, int from, int to, int hash) {
        int mask = slots.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            DataNode n = slots[i];
            if (n == null || hashes[i] == hash && n.nameEquals(path, from, to)) {
                return n;
            }
        }
    }

    /** The child named by the UTF-8 bytes {@code name}; or null. */
    DataNode find(byte[] name) {
        int mask = slots.length - 1;
        int hash = hash(name, 0, name.length);
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            DataNode n = slots[i];
            if (n == null || hashes[i] == hash && n.nameEquals(name)) {
                return n;
            }
        }
    }

    /** Adds {@code child}, whose name no other child has (the caller has looked). */
    void add(DataNode child) {
        if ((size + 1) * 4 > slots.length * 3) {
            resize(slots.length * 2);
        }
        put(child, slots, hashes);
        size++;
    }

    /** Removes this very node; false if it is not a child here. */
    boolean remove(DataNode child) {
        int mask = slots.length - 1;
        int i = spread(child.nameHash()) & mask;
        while (slots[i] != child) {
            if (slots[i] == null) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = null;
        size--;
        // Re-seat the rest of the probe cluster so that lookups never stop at the hole.
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            DataNode moved = slots[j];
            slots[j] = null;
            put(moved, slots, hashes);
        }
        if (slots.length > MIN_CAPACITY && size * 8 < slots.length) {
            resize(slots.length / 2);
        }
        return true;
    }

    /** The children, in no particular order, as a new array. */
    DataNode[] nodes() {
        DataNode[] out = new DataNode[size];
        int n = 0;
        for (DataNode s : slots) {
            if (s != null) {
                out[n++] = s;
            }
        }
        return out;
    }

    /** The children's names, in no particular order. */
    List<String> names() {
        List<String> out = new ArrayList<>(size);
        for (DataNode s : slots) {
            if (s != null) {
                out.add(s.name());
            }
        }
        return out;
    }

    static int hash(byte[] bytes, int from, int length) {
        int h = 0;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + (bytes[i] & 0xff);
        }
        return h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private static void put(DataNode child, DataNode[] table, int[] hashesOfTable) {
        int mask = table.length - 1;
        int hash = child.nameHash();
        int i = spread(hash) & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = child;
        hashesOfTable[i] = hash;
    }

    private void resize(int capacity) {
        DataNode[] old = slots;
        slots = new DataNode[capacity];
        hashes = new int[capacity];
        for (DataNode s : old) {
            if (s != null) {
                put(s, slots, hashes);
            }
        }
    }
}

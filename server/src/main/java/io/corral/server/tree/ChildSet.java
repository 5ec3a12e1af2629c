package io.corral.server.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A node's children, as the full-path strings that are already the keys of the tree's node map: a child costs
 * one slot here instead of a second string for its name plus a hash-set entry (about 70 bytes saved per znode).
 * Open addressing with linear probing, at most half full; removal shifts the cluster back so no tombstones.
 *
 * <p>Not thread-safe: the owning {@link DataNode} guards it with its monitor.
 */
final class ChildSet {
    private static final int MIN_CAPACITY = 4;

    private String[] slots = new String[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    boolean add(String path) {
        if ((size + 1) * 2 > slots.length) {
            resize(slots.length * 2);
        }
        int i = indexOf(path, slots);
        if (slots[i] != null) {
            return false;
        }
        slots[i] = path;
        size++;
        return true;
    }

    boolean remove(String path) {
        int i = indexOf(path, slots);
        if (slots[i] == null) {
            return false;
        }
        slots[i] = null;
        size--;
        // Re-seat the rest of the probe cluster so that lookups never stop at the hole.
        int mask = slots.length - 1;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            String moved = slots[j];
            slots[j] = null;
            slots[indexOf(moved, slots)] = moved;
        }
        if (slots.length > MIN_CAPACITY && size * 8 < slots.length) {
            resize(slots.length / 2);
        }
        return true;
    }

    /** The children's full paths, in no particular order. */
    String[] paths() {
        String[] out = new String[size];
        int n = 0;
        for (String s : slots) {
            if (s != null) {
                out[n++] = s;
            }
        }
        return out;
    }

    /** The children's names (the last path segment), in no particular order. */
    List<String> names() {
        List<String> out = new ArrayList<>(size);
        for (String s : slots) {
            if (s != null) {
                out.add(s.substring(s.lastIndexOf('/') + 1));
            }
        }
        return out;
    }

    private void resize(int capacity) {
        String[] old = slots;
        slots = new String[capacity];
        for (String s : old) {
            if (s != null) {
                slots[indexOf(s, slots)] = s;
            }
        }
    }

    private static int indexOf(String path, String[] table) {
        int mask = table.length - 1;
        int h = path.hashCode();
        h ^= (h >>> 16);
        int i = h & mask;
        while (table[i] != null && !table[i].equals(path)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    @Override
    public String toString() {
        return Arrays.toString(paths());
    }
}

package io.corral.jmx;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A small JSON writer for the plain values a command returns (Map, Collection or array, String, Number,
 * Boolean, null), pretty-printed the way ZooKeeper's admin server (Jackson's default printer) lays it out:
 * {@code "key" : value}, two-space indents, arrays on one line. Anything else is written as its string.
 */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        StringBuilder b = new StringBuilder(256);
        value(b, value, 0);
        return b.toString();
    }

    private static void value(StringBuilder b, Object v, int depth) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            b.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            object(b, m, depth);
        } else if (v instanceof Collection<?> c) {
            array(b, c.iterator(), depth);
        } else if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            Object[] items = new Object[n];
            for (int i = 0; i < n; i++) {
                items[i] = Array.get(v, i);
            }
            array(b, java.util.Arrays.asList(items).iterator(), depth);
        } else {
            string(b, v.toString());
        }
    }

    private static void object(StringBuilder b, Map<?, ?> m, int depth) {
        if (m.isEmpty()) {
            b.append("{ }");
            return;
        }
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append('\n');
            indent(b, depth + 1);
            string(b, String.valueOf(e.getKey()));
            b.append(" : ");
            value(b, e.getValue(), depth + 1);
        }
        b.append('\n');
        indent(b, depth);
        b.append('}');
    }

    private static void array(StringBuilder b, Iterator<?> it, int depth) {
        if (!it.hasNext()) {
            b.append("[ ]");
            return;
        }
        b.append("[ ");
        boolean first = true;
        while (it.hasNext()) {
            if (!first) {
                b.append(", ");
            }
            first = false;
            value(b, it.next(), depth);
        }
        b.append(" ]");
    }

    private static void indent(StringBuilder b, int depth) {
        for (int i = 0; i < depth; i++) {
            b.append("  ");
        }
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}

package io.corral.server.monitor.command;

import java.util.List;
import java.util.Map;

/** Reading back the values a command put in its data, for the text renderers. */
final class Values {
    private Values() {
    }

    static long asLong(Object v) {
        return v == null ? 0 : ((Number) v).longValue();
    }

    static String asString(Object v) {
        return String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object v) {
        return v == null ? Map.of() : (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object v) {
        return v == null ? List.of() : (List<Object>) v;
    }

    static String hex(Object v) {
        return Long.toHexString(asLong(v));
    }
}

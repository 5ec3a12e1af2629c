package io.corral.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void laysOutLikeZooKeepersAdminServer() {
        Map<String, Object> conn = new LinkedHashMap<>();
        conn.put("remote_socket_address", "127.0.0.1:50610");
        conn.put("interest_ops", 1);
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("connections", List.of(conn));
        top.put("secure_connections", List.of());
        top.put("current_config", Map.of());
        top.put("paths", List.of("/app", "/nope"));
        top.put("avg", 16.5556);
        top.put("read_only", false);
        top.put("command", "connections");
        top.put("error", null);
        assertEquals("{\n"
                + "  \"connections\" : [ {\n"
                + "    \"remote_socket_address\" : \"127.0.0.1:50610\",\n"
                + "    \"interest_ops\" : 1\n"
                + "  } ],\n"
                + "  \"secure_connections\" : [ ],\n"
                + "  \"current_config\" : { },\n"
                + "  \"paths\" : [ \"/app\", \"/nope\" ],\n"
                + "  \"avg\" : 16.5556,\n"
                + "  \"read_only\" : false,\n"
                + "  \"command\" : \"connections\",\n"
                + "  \"error\" : null\n"
                + "}", Json.write(top));
    }

    @Test
    void escapesStringsAndKeepsNumbersValid() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\nd\te\u0001\u2028");
        m.put("nan", Double.NaN);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("long", 72057758560550914L);
        m.put("array", new String[] {"x"});
        m.put("other", new StringBuilder("sb"));
        List<Object> withNull = new ArrayList<>(Arrays.asList(1, null));
        m.put("list", withNull);
        assertEquals("{\n  \"s\" : \"a\\\"b\\\\c\\nd\\te\\u0001\\u2028\",\n  \"nan\" : null,\n  \"inf\" : null,\n"
                + "  \"long\" : 72057758560550914,\n  \"array\" : [ \"x\" ],\n  \"other\" : \"sb\",\n"
                + "  \"list\" : [ 1, null ]\n}", Json.write(m));
        assertEquals("{ }", Json.write(Map.of()));
        assertEquals("\"plain\"", Json.write("plain"));
    }
}

package io.corral.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathValidatorTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b", "/a.b", "/..a", "/a..", "/zookeeper/config", "/\u00e9"})
    void valid(String path) {
        assertDoesNotThrow(() -> PathValidator.validate(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "/a/", "//a", "/a//b", "/.", "/a/.", "/..", "/a/../b", "/a\u0000", "/a\u0001",
            "/\u007f", "/\ud800", "/\ufff0"})
    void invalid(String path) {
        assertThrows(IllegalArgumentException.class, () -> PathValidator.validate(path));
    }

    @Test
    void messagesAreZooKeepers() {
        assertEquals("Path must start with / character", message("a"));
        assertEquals("Path must not end with / character", message("/a/"));
        assertEquals("Path length must be > 0", message(""));
        assertEquals("Invalid path string \"/a//b\" caused by empty node name specified @3", message("/a//b"));
        assertEquals("Invalid path string \"/a/..\" caused by relative paths not allowed @4", message("/a/.."));
    }

    @Test
    void sequentialPathMayEndWithSlash() {
        assertDoesNotThrow(() -> PathValidator.validate("/a/", true));
        assertThrows(IllegalArgumentException.class, () -> PathValidator.validate("/a/", false));
    }

    private static String message(String path) {
        return assertThrows(IllegalArgumentException.class, () -> PathValidator.validate(path)).getMessage();
    }
}

package io.corral.server.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathValidatorTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("no leading slash", "a/b"),
                Arguments.of("trailing slash", "/a/"),
                Arguments.of("double slash", "/a//b"),
                Arguments.of("double slash at the start", "//a"),
                Arguments.of("dot segment", "/."),
                Arguments.of("dot-dot segment", "/.."),
                Arguments.of("dot in the middle", "/a/./b"),
                Arguments.of("dot-dot in the middle", "/a/../b"),
                Arguments.of("dot at the end", "/a/."),
                Arguments.of("dot-dot at the end", "/a/.."),
                Arguments.of("NUL", "/a\u0000b"),
                Arguments.of("U+0001", "/a\u0001"),
                Arguments.of("U+001F", "/\u001f"),
                Arguments.of("U+007F", "/a\u007f"),
                Arguments.of("U+009F", "/a\u009f"),
                Arguments.of("U+D800 (lone surrogate)", "/a\ud800"),
                Arguments.of("U+E000 (private use)", "/\ue000"),
                Arguments.of("U+F8FF", "/\uf8ff"),
                Arguments.of("U+FFF0", "/\ufff0"),
                Arguments.of("U+FFFF", "/a\uffff"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(String name, String path) {
        assertFalse(PathValidator.isValid(path), path);
        assertNotNull(PathValidator.problem(path));
    }

    @Test
    void rejectsNull() {
        assertFalse(PathValidator.isValid(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b", "/a.b", "/..a", "/a..", "/.a", "/a/b.", "/zookeeper", "/zookeeper/quota",
        "/a-b_c/0000000001", "/\u00a0", "/\u00e9t\u00e9", "/\u4e2d\u6587", "/\uf900", "/\uffef", "/a b"})
    void accepts(String path) {
        assertTrue(PathValidator.isValid(path), path);
        assertNull(PathValidator.problem(path));
    }

    @Test
    void problemSaysWhatAndWhere() {
        assertEquals("path must not be empty", PathValidator.problem(""));
        assertTrue(PathValidator.problem("/a\u0001").contains("\\u0001"), PathValidator.problem("/a\u0001"));
        assertTrue(PathValidator.problem("/a//b").contains("3"), PathValidator.problem("/a//b"));
    }
}

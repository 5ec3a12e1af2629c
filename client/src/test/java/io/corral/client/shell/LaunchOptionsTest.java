package io.corral.client.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {
    @Test
    void defaults() {
        LaunchOptions o = LaunchOptions.parse(new String[0]);
        assertEquals("localhost:2181", o.server());
        assertEquals(30_000, o.timeoutMs());
        assertFalse(o.oneShot());
    }

    @Test
    void optionsThenCommand() {
        LaunchOptions o = LaunchOptions.parse(
                new String[] {"-server", "h:1/app", "-timeout", "5000", "-r", "get", "-s", "/a"});
        assertEquals("h:1/app", o.server());
        assertEquals(5000, o.timeoutMs());
        assertTrue(o.readOnly());
        assertEquals(List.of("get", "-s", "/a"), o.command(), "options after the command belong to it");
    }

    @Test
    void missingValue() {
        assertEquals("Error: no argument found for option -server",
                assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(new String[] {"-server"}))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(new String[] {"-timeout", "soon"}));
    }
}

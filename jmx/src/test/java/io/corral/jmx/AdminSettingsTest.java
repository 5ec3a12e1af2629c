package io.corral.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminSettingsTest {

    @Test
    void defaultsAreZooKeepers() {
        assertEquals(new AdminSettings(true, "0.0.0.0", 8080, "/commands", 30_000, 8192), AdminSettings.from(Map.of()));
    }

    @Test
    void readsTheKeys() {
        AdminSettings s = AdminSettings.from(Map.of("admin.enableServer", "false", "admin.serverAddress", "127.0.0.1",
                "admin.serverPort", "9090", "admin.commandURL", "admin/", "admin.idleTimeout", "5000"));
        assertEquals(new AdminSettings(false, "127.0.0.1", 9090, "/admin", 5000, 8192), s);
    }

    @Test
    void badValuesNameTheKey() {
        assertEquals("invalid value 'x' for admin.serverPort: expected an integer",
                assertThrows(IllegalArgumentException.class, () -> AdminSettings.from(Map.of("admin.serverPort", "x"))).getMessage());
        assertEquals("invalid value '70000' for admin.serverPort: expected a TCP port from 0 to 65535",
                assertThrows(IllegalArgumentException.class, () -> AdminSettings.from(Map.of("admin.serverPort", "70000"))).getMessage());
        assertEquals("invalid value 'maybe' for admin.enableServer: expected true or false",
                assertThrows(IllegalArgumentException.class, () -> AdminSettings.from(Map.of("admin.enableServer", "maybe"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdminSettings.from(Map.of("admin.commandURL", "/metrics")));
        assertThrows(IllegalArgumentException.class, () -> AdminSettings.from(Map.of("admin.idleTimeout", "0")));
    }
}

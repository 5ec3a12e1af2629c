package io.corral.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectStringTest {
    @Test
    void hostsPortsAndChroot() {
        ConnectString cs = ConnectString.parse("a:1,b:2,c/app/x");
        assertEquals(List.of(
                InetSocketAddress.createUnresolved("a", 1),
                InetSocketAddress.createUnresolved("b", 2),
                InetSocketAddress.createUnresolved("c", 2181)), cs.servers());
        assertEquals("/app/x", cs.chroot().prefix());
    }

    @Test
    void slashAloneMeansNoChroot() {
        assertTrue(ConnectString.parse("h:1/").chroot().isNone());
        assertTrue(ConnectString.parse("h:1").chroot().isNone());
    }

    @Test
    void ipv6InBrackets() {
        ConnectString cs = ConnectString.parse("[::1]:2182,[fe80::1]");
        assertEquals("::1", cs.servers().get(0).getHostString());
        assertEquals(2182, cs.servers().get(0).getPort());
        assertEquals(2181, cs.servers().get(1).getPort());
    }

    @Test
    void trailingColonKeepsTheDefaultPort() {
        assertEquals(2181, ConnectString.parse("h:").servers().get(0).getPort());
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertThrows(IllegalArgumentException.class, () -> ConnectString.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ConnectString.parse("/app"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectString.parse("h:x"));
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConnectString.parse("h:99999"));
        assertThrows(IllegalArgumentException.class, () -> ConnectString.parse("h:1/bad/"));
    }
}

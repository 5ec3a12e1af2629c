package io.corral.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.ConnectionInfo;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpAuthenticationProviderTest {
    private final IpAuthenticationProvider ip = new IpAuthenticationProvider();

    @Test
    void singleAddressesMatchExactly() {
        assertTrue(ip.matches("127.0.0.1", "127.0.0.1"));
        assertFalse(ip.matches("127.0.0.2", "127.0.0.1"));
        assertTrue(ip.matches("127.0.0.1", "127.000.0.01"), "leading zeros are decimal, as in ZooKeeper");
    }

    @Test
    void ipv4Ranges() {
        assertTrue(ip.matches("10.1.2.3", "10.0.0.0/8"));
        assertFalse(ip.matches("11.1.2.3", "10.0.0.0/8"));
        assertTrue(ip.matches("192.168.1.77", "192.168.1.64/26"));
        assertFalse(ip.matches("192.168.1.128", "192.168.1.64/26"));
        assertTrue(ip.matches("8.8.8.8", "0.0.0.0/0"));
        assertTrue(ip.matches("10.0.0.9", "10.0.0.1/24"), "host bits of the range are ignored");
        assertFalse(ip.matches("10.0.0.9", "10.0.0.1/33"));
    }

    @Test
    void ipv6AddressesAndRanges() {
        assertTrue(ip.matches("0:0:0:0:0:0:0:1", "::1"));
        assertTrue(ip.matches("2001:db8:0:0:0:0:0:42", "2001:db8::/32"));
        assertFalse(ip.matches("2001:db9:0:0:0:0:0:42", "2001:db8::/32"));
        assertTrue(ip.matches("fe80:0:0:0:1:2:3:4%lo", "fe80::/10"));
        assertFalse(ip.matches("127.0.0.1", "::ffff:0:0/96"), "an IPv4 id never matches an IPv6 entry");
        assertFalse(ip.matches("::1", "0.0.0.0/0"));
    }

    @Test
    void theConnectionAddressIsTheId() throws Exception {
        assertEquals(List.of(new AuthId("ip", "127.0.0.1")),
                ip.authenticate(new byte[0], ConnectionInfo.of(new InetSocketAddress("127.0.0.1", 3000))));
    }

    @Test
    void namesAreNeverResolved() {
        assertFalse(ip.isValid("localhost"));
        assertFalse(ip.matches("127.0.0.1", "localhost"));
    }

    @Test
    void anIpIsNotAnAuthenticatedIdentity() {
        assertFalse(ip.isAuthenticated());
    }
}

package io.corral.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code host:port,host:port[/chroot]} as ZooKeeper reads it: the chroot starts at the first '/', a host without a
 * port gets 2181, an IPv6 host is written in brackets ({@code [::1]:2181}). Addresses stay unresolved until a
 * connection attempt, so a name that resolves differently later is picked up.
 */
public record ConnectString(List<InetSocketAddress> servers, Chroot chroot) {
    public static final int DEFAULT_PORT = 2181;

    public ConnectString {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException(
                    "the connect string names no server; expected host:port[,host:port][/chroot]");
        }
    }

    public static ConnectString parse(String connectString) {
        if (connectString == null) {
            throw new IllegalArgumentException("the connect string is null; expected host:port[,host:port][/chroot]");
        }
        String hosts = connectString;
        Chroot chroot = Chroot.NONE;
        int slash = connectString.indexOf('/');
        if (slash >= 0) {
            chroot = Chroot.of(connectString.substring(slash));
            hosts = connectString.substring(0, slash);
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String part : hosts.split(",")) {
            String host = part.trim();
            if (!host.isEmpty()) {
                servers.add(parseHost(host, connectString));
            }
        }
        return new ConnectString(servers, chroot);
    }

    private static InetSocketAddress parseHost(String text, String whole) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(
                        "unclosed '[' in \"" + text + "\" of connect string \"" + whole + "\"");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (rest.startsWith(":") && rest.length() > 1) {
                port = rest.substring(1);
            } else if (!rest.isEmpty() && !rest.equals(":")) {
                throw new IllegalArgumentException(
                        "unexpected \"" + rest + "\" after the IPv6 address in \"" + text + "\"");
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0) {
                port = colon < text.length() - 1 ? text.substring(colon + 1) : null;
                host = text.substring(0, colon);
            }
        }
        int portNumber = DEFAULT_PORT;
        if (port != null) {
            try {
                portNumber = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port \"" + port + "\" of \"" + text + "\" is not a number");
            }
            if (portNumber < 0 || portNumber > 65535) {
                throw new IllegalArgumentException(
                        "port " + portNumber + " of \"" + text + "\" is out of range 0-65535");
            }
        }
        return InetSocketAddress.createUnresolved(host, portNumber);
    }
}

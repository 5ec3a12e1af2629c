package io.corral.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The servers of the connect string, tried one after the other. A round is one attempt at every server; after a
 * round without success the caller backs off before the next. Resolves names at each attempt.
 */
final class HostList {
    private final List<InetSocketAddress> servers;
    private int next;
    private int failuresThisRound;

    HostList(List<InetSocketAddress> servers, boolean shuffle, Random random) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no servers to connect to");
        }
        this.servers = new ArrayList<>(servers);
        if (shuffle) {
            Collections.shuffle(this.servers, random);
        }
    }

    int size() {
        return servers.size();
    }

    /** The next server to try, resolved now (an unresolvable name comes back unresolved; connecting then fails). */
    InetSocketAddress next() {
        InetSocketAddress address = servers.get(next);
        next = (next + 1) % servers.size();
        return address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
    }

    /** Records a failed attempt; true if every server has now failed once since the last success. */
    boolean failed() {
        failuresThisRound++;
        if (failuresThisRound >= servers.size()) {
            failuresThisRound = 0;
            return true;
        }
        return false;
    }

    void connected() {
        failuresThisRound = 0;
    }
}

package io.corral.server.pipeline;

import io.corral.protocol.proto.ConnectRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Handshakes an ensemble member holds while it is not serving, instead of refusing them: clients dropped by a
 * failover are then back as soon as the new epoch is established, rather than bouncing between members that
 * are still electing. Bounded in number and in time. Pipeline thread only.
 */
final class HeldHandshakes {
    private static final int MAX_HELD = 10_000;

    record Held(ConnectionState conn, ConnectRequest request, boolean legacyClient, long untilMs) {
    }

    private final ArrayDeque<Held> held = new ArrayDeque<>();

    /** Holds a handshake until {@code untilMs}; false when the bound on their number is reached. */
    boolean hold(ConnectionState conn, ConnectRequest request, boolean legacyClient, long untilMs) {
        if (held.size() >= MAX_HELD) {
            return false;
        }
        held.add(new Held(conn, request, legacyClient, untilMs));
        return true;
    }

    /** Every held handshake, to complete now that the member serves. */
    List<Held> releaseAll() {
        List<Held> out = new ArrayList<>(held);
        held.clear();
        return out;
    }

    /** The connections whose handshake waited past its bound, to close. */
    List<ConnectionState> overdue(long nowMs) {
        List<ConnectionState> out = new ArrayList<>();
        while (!held.isEmpty() && held.peek().untilMs() <= nowMs) {
            out.add(held.poll().conn());
        }
        return out;
    }
}

package io.corral.api.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The derived values of the ensemble view: role and ZAB phase from ZooKeeper's peer-state text, lookups. */
class EnsembleViewTest {
    private static final List<EnsembleView.Member> MEMBERS = List.of(
            new EnsembleView.Member(1, "127.0.0.1:2888", "127.0.0.1:3888", "127.0.0.1:2181", false),
            new EnsembleView.Member(2, "127.0.0.1:2889", "127.0.0.1:3889", null, false),
            new EnsembleView.Member(3, "127.0.0.1:2890", "127.0.0.1:3890", "127.0.0.1:2183", true));

    private static EnsembleView view(String peerState) {
        return new EnsembleView(2, 1, peerState, 40, MEMBERS, List.of());
    }

    @Test
    void roleAndPhaseComeFromThePeerState() {
        assertEquals("following", view("following - broadcast").role());
        assertEquals("broadcast", view("following - broadcast").zabState());
        assertEquals("synchronization", view("leading - synchronization - diff").zabState());
        assertEquals("looking", view("looking").role());
        assertEquals("election", view("looking").zabState());
        assertTrue(view("leading - discovery").leading());
        assertFalse(view("following - discovery").leading());
    }

    @Test
    void membersAreFoundByIdAndVotersLeaveObserversOut() {
        EnsembleView v = view("following - broadcast");
        assertEquals(2, v.self().id());
        assertEquals("", v.self().clientAddress());
        assertNull(v.member(9));
        assertEquals(List.of(1L, 2L), v.voters().stream().map(EnsembleView.Member::id).toList());
    }

    @Test
    void itIsImmutable() {
        List<EnsembleView.Learner> learners = new ArrayList<>(List.of(new EnsembleView.Learner(2, false, true)));
        EnsembleView v = new EnsembleView(1, 1, "leading - broadcast", 0, MEMBERS, learners);
        learners.clear();
        assertEquals(1, v.learners().size());
        assertThrows(UnsupportedOperationException.class, () -> v.members().clear());
        assertThrows(NullPointerException.class, () -> new EnsembleView(1, 1, null, 0, MEMBERS, List.of()));
    }
}

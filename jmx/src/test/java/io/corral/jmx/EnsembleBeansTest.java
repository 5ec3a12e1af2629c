package io.corral.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.management.EnsembleView;
import io.corral.api.management.EnsembleView.Learner;
import io.corral.api.management.EnsembleView.Member;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An ensemble member's beans in ZooKeeper's replicated layout, over a fake view: the names and attributes are those
 * the reference ZooKeeper 3.9.3 registered for the same ensemble (three voters and an observer, server 3 leading).
 */
class EnsembleBeansTest {
    private static final String TOP = "org.apache.ZooKeeperService:name0=ReplicatedServer_id";
    private static final List<Member> MEMBERS = List.of(
            new Member(1, "127.0.0.1:36065", "127.0.0.1:49717", "127.0.0.1:43173", false),
            new Member(2, "127.0.0.1:60509", "127.0.0.1:34193", "127.0.0.1:51741", false),
            new Member(3, "127.0.0.1:35179", "127.0.0.1:49541", "127.0.0.1:53361", false),
            new Member(4, "127.0.0.1:51303", "127.0.0.1:37903", "127.0.0.1:58667", true));
    private static final Map<String, String> SETTINGS = Map.of("initLimit", "10", "syncLimit", "5",
            "tickTime", "200");

    private final FakeView view = new FakeView();
    private final MBeanServer mbs = MBeanServerFactory.newMBeanServer();
    private JmxBeans beans;

    @AfterEach
    void stop() {
        if (beans != null) {
            beans.stop();
        }
    }

    private static EnsembleView leading() {
        return new EnsembleView(3, 3, "leading - broadcast", 295, MEMBERS,
                List.of(new Learner(1, false, true), new Learner(2, false, false), new Learner(4, true, true)));
    }

    private void start(EnsembleView v) {
        view.ensemble = v;
        beans = new JmxBeans(view, SETTINGS, mbs);
        beans.start();
    }

    private Set<String> names() throws Exception {
        Set<String> names = new TreeSet<>();
        mbs.queryNames(new ObjectName("org.apache.ZooKeeperService:*"), null).forEach(n -> names.add(n.toString()));
        return names;
    }

    @Test
    void aLeaderHasZooKeepersReplicatedHierarchy() throws Exception {
        view.leaderGauges = true;
        start(leading());
        String top = TOP + "3";
        assertEquals(new TreeSet<>(List.of(top, top + ",name1=replica.1", top + ",name1=replica.2",
                top + ",name1=replica.3", top + ",name1=replica.3,name2=Leader",
                top + ",name1=replica.3,name2=Leader,name3=InMemoryDataTree", top + ",name1=replica.4")), names());

        ObjectName quorum = new ObjectName(top);
        assertEquals("ReplicatedServer_id3", mbs.getAttribute(quorum, "Name"));
        assertEquals(3, mbs.getAttribute(quorum, "QuorumSize"));
        assertEquals(10, mbs.getAttribute(quorum, "InitLimit"));
        assertEquals(5, mbs.getAttribute(quorum, "SyncLimit"));
        assertEquals(false, mbs.getAttribute(quorum, "SslQuorum"));

        ObjectName local = new ObjectName(top + ",name1=replica.3");
        assertEquals("replica.3", mbs.getAttribute(local, "Name"));
        assertEquals("leading", mbs.getAttribute(local, "State"));
        assertEquals("127.0.0.1:35179", mbs.getAttribute(local, "QuorumAddress"));
        assertEquals("127.0.0.1:49541", mbs.getAttribute(local, "ElectionAddress"));
        assertEquals("127.0.0.1:53361", mbs.getAttribute(local, "ClientAddress"));
        assertEquals("PARTICIPANT", mbs.getAttribute(local, "LearnerType"));
        assertEquals(true, mbs.getAttribute(local, "Leader"));
        assertEquals(true, mbs.getAttribute(local, "PartOfEnsemble"));
        assertEquals(3, mbs.getAttribute(local, "ElectionType"));
        assertEquals(0L, mbs.getAttribute(local, "ConfigVersion"));
        assertEquals(10, mbs.getAttribute(local, "InitLimit"));
        assertEquals(2000, mbs.getAttribute(local, "TickTime"));
        assertEquals("server.1=127.0.0.1:36065:49717:participant;127.0.0.1:43173\n"
                + "server.2=127.0.0.1:60509:34193:participant;127.0.0.1:51741\n"
                + "server.3=127.0.0.1:35179:49541:participant;127.0.0.1:53361\n"
                + "server.4=127.0.0.1:51303:37903:observer;127.0.0.1:58667\n"
                + "version=0", mbs.getAttribute(local, "QuorumSystemInfo"));

        ObjectName observer = new ObjectName(top + ",name1=replica.4");
        assertEquals("replica.4", mbs.getAttribute(observer, "Name"));
        assertEquals("OBSERVER", mbs.getAttribute(observer, "LearnerType"));
        assertEquals("127.0.0.1:58667", mbs.getAttribute(observer, "ClientAddress"));
        assertEquals(false, mbs.getAttribute(observer, "Leader"));

        ObjectName leader = new ObjectName(top + ",name1=replica.3,name2=Leader");
        assertEquals("2181", mbs.getAttribute(leader, "ClientPort"), "the server bean's attributes");
        assertEquals(42L, mbs.getAttribute(leader, "PacketsReceived"));
        assertEquals(1.5, mbs.getAttribute(leader, "AvgRequestLatency"));
        assertEquals("0x1a", mbs.getAttribute(leader, "CurrentZxid"));
        assertEquals(295L, mbs.getAttribute(leader, "ElectionTimeTaken"));
        assertEquals(40, mbs.getAttribute(leader, "LastProposalSize"));
        assertEquals(30, mbs.getAttribute(leader, "MinProposalSize"));
        assertEquals(50, mbs.getAttribute(leader, "MaxProposalSize"));
        assertEquals("LearnerHandler sid:1 synced?:true\nLearnerHandler sid:2 synced?:false\n",
                mbs.invoke(leader, "followerInfo", null, null));
        assertEquals("", mbs.invoke(leader, "nonVotingFollowerInfo", null, null));
        mbs.invoke(leader, "resetLatency", null, null);
        assertEquals(List.of("reset LATENCY"), view.actions);
        assertEquals(5, mbs.getAttribute(new ObjectName(leader + ",name3=InMemoryDataTree"), "NodeCount"));
    }

    @Test
    void connectionsHangUnderTheRoleBean() throws Exception {
        start(new EnsembleView(1, 3, "following - broadcast", 249, MEMBERS, List.of()));
        view.connections.add(FakeView.connection(1, 0x10000264e500000L));
        beans.refresh();
        ObjectName follower = new ObjectName(TOP + "1,name1=replica.1,name2=Follower");
        assertTrue(mbs.isRegistered(
                new ObjectName(follower + ",name3=Connections,name4=127.0.0.1,name5=0x10000264e500000")));
        assertEquals("127.0.0.1:35179", mbs.getAttribute(follower, "QuorumAddress"));
        assertEquals("0x1a", mbs.getAttribute(follower, "LastQueuedZxid"));
        assertEquals(249L, mbs.getAttribute(follower, "ElectionTimeTaken"));
        assertEquals(0, mbs.getAttribute(follower, "PendingRevalidationCount"));
        assertEquals(true, mbs.getAttribute(new ObjectName(TOP + "1,name1=replica.3"), "Leader"));
    }

    @Test
    void theRoleBeanFollowsTheRole() throws Exception {
        start(new EnsembleView(1, 3, "following - broadcast", 249, MEMBERS, List.of()));
        view.connections.add(FakeView.connection(1, 7));
        beans.refresh();
        String local = TOP + "1,name1=replica.1";
        assertTrue(mbs.isRegistered(
                new ObjectName(local + ",name2=Follower,name3=Connections,name4=127.0.0.1,name5=0x7")));

        view.ensemble = new EnsembleView(1, -1, "looking", 249, MEMBERS, List.of());
        beans.refresh();
        Set<String> looking = names();
        assertTrue(looking.contains(local + ",name2=LeaderElection"), looking::toString);
        assertFalse(looking.stream().anyMatch(n -> n.contains("name2=Follower")), looking::toString);
        assertTrue(mbs.getAttribute(new ObjectName(local + ",name2=LeaderElection"), "StartTime") instanceof String);

        view.ensemble = new EnsembleView(1, 1, "leading - discovery", 120, MEMBERS, List.of());
        beans.refresh();
        Set<String> leading = names();
        assertTrue(leading.contains(local + ",name2=Leader"), leading::toString);
        assertTrue(leading.contains(local + ",name2=Leader,name3=InMemoryDataTree"), leading::toString);
        assertTrue(leading.contains(local + ",name2=Leader,name3=Connections,name4=127.0.0.1,name5=0x7"));
        assertFalse(leading.contains(local + ",name2=LeaderElection"));
        ObjectName leader = new ObjectName(local + ",name2=Leader");
        assertEquals(-1, mbs.getAttribute(leader, "LastProposalSize"), "no proposal yet");
        assertEquals(120L, mbs.getAttribute(leader, "ElectionTimeTaken"));
    }

    @Test
    void anObserverNamesItsLearnerMaster() throws Exception {
        start(new EnsembleView(4, 3, "observing - broadcast", 250, MEMBERS, List.of()));
        ObjectName observer = new ObjectName(TOP + "4,name1=replica.4,name2=Observer");
        assertEquals("127.0.0.1:35179", mbs.getAttribute(observer, "LearnerMaster"));
        assertEquals("127.0.0.1:35179", mbs.getAttribute(observer, "QuorumAddress"));
        assertEquals("127.0.0.1:58667", mbs.getAttribute(new ObjectName(TOP + "4,name1=replica.4"), "ClientAddress"));
        assertEquals("OBSERVER", mbs.getAttribute(new ObjectName(TOP + "4,name1=replica.4"), "LearnerType"));
        assertEquals("observing", mbs.getAttribute(new ObjectName(TOP + "4,name1=replica.4"), "State"));
    }

    @Test
    void stopUnregistersTheWholeHierarchy() throws Exception {
        start(leading());
        beans.stop();
        beans = null;
        assertTrue(names().isEmpty());
    }
}

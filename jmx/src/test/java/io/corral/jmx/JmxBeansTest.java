package io.corral.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The beans under ZooKeeper's names and attributes, in a private MBean server, over a fake server view. */
class JmxBeansTest {
    private final FakeView view = new FakeView();
    private final MBeanServer mbs = MBeanServerFactory.newMBeanServer();
    private JmxBeans beans;
    private ObjectName server;

    @BeforeEach
    void start() throws Exception {
        beans = new JmxBeans(view, Map.of("jute.maxbuffer", "4096"), mbs);
        beans.start();
        server = new ObjectName("org.apache.ZooKeeperService:name0=StandaloneServer_port2181");
    }

    @AfterEach
    void stop() {
        beans.stop();
    }

    @Test
    void theServerBeanHasZooKeepersAttributes() throws Exception {
        assertEquals("2181", mbs.getAttribute(server, "ClientPort"));
        assertEquals("3.9.3-fake", mbs.getAttribute(server, "Version"));
        assertEquals(1.5, mbs.getAttribute(server, "AvgRequestLatency"));
        assertEquals(42L, mbs.getAttribute(server, "PacketsReceived"));
        view.packetsReceived = 43;
        assertEquals(43L, mbs.getAttribute(server, "PacketsReceived"));
        assertEquals(2000, mbs.getAttribute(server, "TickTime"));
        assertEquals(60, mbs.getAttribute(server, "MaxClientCnxnsPerHost"));
        assertEquals(4000, mbs.getAttribute(server, "MinSessionTimeout"));
        assertEquals(478L, mbs.getAttribute(server, "DataDirSize"));
        assertEquals(479L, mbs.getAttribute(server, "LogDirSize"));
        assertEquals(4096, mbs.getAttribute(server, "JuteMaxBufferSize"));
        assertEquals("", mbs.getAttribute(server, "SecureClientPort"));
        mbs.invoke(server, "resetStatistics", null, null);
        mbs.invoke(server, "resetMaxLatency", null, null);
        assertEquals(List.of("reset ALL", "reset MAX_LATENCY"), view.actions);

        ObjectName tree = new ObjectName(server + ",name1=InMemoryDataTree");
        assertEquals(5, mbs.getAttribute(tree, "NodeCount"));
        assertEquals("0x1a", mbs.getAttribute(tree, "LastZxid"));
        assertEquals(0L, mbs.invoke(tree, "approximateDataSize", null, null));
    }

    @Test
    void connectionBeansFollowTheSessions() throws Exception {
        view.connections.add(FakeView.connection(1, 0x10000264e500000L));
        view.connections.add(FakeView.connection(2, 0)); // no session yet: no bean, as in ZooKeeper
        beans.refresh();
        ObjectName conn = new ObjectName(server + ",name1=Connections,name2=127.0.0.1,name3=0x10000264e500000");
        assertTrue(mbs.isRegistered(conn));
        assertEquals(1, mbs.queryNames(new ObjectName(server + ",name1=Connections,*"), null).size());
        assertEquals("127.0.0.1:5001", mbs.getAttribute(conn, "SourceIP"));
        assertEquals("0x10000264e500000", mbs.getAttribute(conn, "SessionId"));
        assertEquals("0x8", mbs.getAttribute(conn, "LastCxid"));
        assertEquals(30000, mbs.getAttribute(conn, "SessionTimeout"));
        assertEquals(87L, mbs.getAttribute(conn, "MaxLatency"));
        assertArrayEquals(new String[] {"/e1", "/e2"}, (String[]) mbs.getAttribute(conn, "EphemeralNodes"));
        mbs.invoke(conn, "terminateSession", null, null);
        mbs.invoke(conn, "terminateConnection", null, null);
        mbs.invoke(conn, "resetCounters", null, null);
        assertEquals(List.of("closeSession 0x10000264e500000", "closeConnection 1", "resetConnectionStats 1"), view.actions);
        view.connections.clear();
        beans.refresh();
        assertFalse(mbs.isRegistered(conn));
    }

    @Test
    void everyMetricIsABeanInJmxReportersLayout() throws Exception {
        ObjectName gauge = new ObjectName("metrics:name=znode_count,type=gauges");
        assertEquals(5, mbs.getAttribute(gauge, "Value"));
        ObjectName counter = new ObjectName("metrics:name=bytes_received_count,type=counters");
        assertEquals(366L, mbs.getAttribute(counter, "Count"));
        ObjectName histogram = new ObjectName("metrics:name=fsynctime,type=histograms");
        assertEquals(4L, mbs.getAttribute(histogram, "Count"));
        assertEquals(6.0, mbs.getAttribute(histogram, "Max"));
        ObjectName timer = new ObjectName("metrics:name=request_latency,type=timers,op=create");
        assertEquals(3L, mbs.getAttribute(timer, "Count"));
        assertEquals(1.0, mbs.getAttribute(timer, "50thPercentile"));
        assertEquals(2.0, mbs.getAttribute(timer, "OneMinuteRate"));
        assertEquals("milliseconds", mbs.getAttribute(timer, "DurationUnit"));
        assertEquals(2, mbs.getAttributes(timer, new String[] {"Count", "Max"}).size());
        assertTrue(mbs.isRegistered(new ObjectName("metrics:name=request_latency,type=timers,op=\"get\\\"Data\"")));
        assertThrows(AttributeNotFoundException.class, () -> mbs.getAttribute(timer, "Nope"));
        assertThrows(AttributeNotFoundException.class, () -> mbs.setAttribute(gauge, new Attribute("Value", 1)));
    }

    @Test
    void stopUnregistersEverything() throws Exception {
        view.connections.add(FakeView.connection(1, 7));
        beans.refresh();
        beans.stop();
        assertTrue(mbs.queryNames(new ObjectName("org.apache.ZooKeeperService:*"), null).isEmpty());
        assertTrue(mbs.queryNames(new ObjectName("metrics:*"), null).isEmpty());
    }
}

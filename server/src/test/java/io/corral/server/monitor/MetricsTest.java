package io.corral.server.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.management.Distribution;
import io.corral.api.management.MetricId;
import io.corral.api.management.MetricsVisitor;
import io.corral.api.management.Rates;
import io.corral.protocol.OpCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The metric registry and the api's plain-number view of it. */
class MetricsTest {

    @Test
    void summaryKeepsZooKeepersExactFiguresUntilReset() {
        Summary s = new Summary(true);
        for (long v : new long[] {4, 87, 24, 24}) {
            s.update(v);
        }
        assertEquals(4, s.getCount());
        assertEquals(139, s.sum());
        assertEquals(4, s.min());
        assertEquals(87, s.max());
        assertEquals(34.75, s.avg());
        s.reset();
        assertEquals(0, s.getCount());
        assertEquals(0, s.min());
        assertEquals(0, s.max());
        assertEquals(0.0, s.avg());
        assertEquals(0, s.getSnapshot().size());
    }

    @Test
    void statsFeedTheRegistryAndSrstClearsIt() {
        ServerStats stats = new ServerStats();
        stats.received();
        stats.answered(3);
        stats.requestDone(OpCode.GET_DATA, false, TimeUnit.MILLISECONDS.toNanos(3));
        stats.requestDone(OpCode.CREATE, true, TimeUnit.MILLISECONDS.toNanos(9));
        stats.frameSent(20);
        stats.bytesReceived(100);
        assertEquals(16, stats.lastResponseSize());
        assertEquals(1, stats.metrics().readLatency.getCount());
        assertEquals(9, stats.metrics().updateLatency.max());
        assertEquals(24, stats.metrics().responseBytes.getCount() + 4);
        stats.reset();
        assertEquals(0, stats.metrics().readLatency.getCount());
        assertEquals(0, stats.metrics().bytesReceived.getCount());
        assertEquals(-1, stats.lastResponseSize());
        assertEquals(0, stats.packetsReceived());
        assertEquals(0.0, stats.avgLatencyMs());
    }

    @Test
    void viewTurnsTagsBackIntoIdsAndVisitsEveryKind() {
        ServerStats stats = new ServerStats();
        stats.metrics().gauge("znode_count", () -> 5);
        stats.requestDone(OpCode.GET_DATA, false, 1_000_000);
        RegistryMetricsView view = new RegistryMetricsView(stats.metrics().registry());
        List<String> seen = new ArrayList<>();
        view.visit(new MetricsVisitor() {
            @Override
            public void gauge(MetricId id, Number value) {
                seen.add("gauge " + id.name() + "=" + value);
            }

            @Override
            public void counter(MetricId id, long count) {
                seen.add("counter " + id.name());
            }

            @Override
            public void histogram(MetricId id, Distribution d) {
                seen.add("histogram " + id.name() + " " + d.count());
            }

            @Override
            public void timer(MetricId id, Distribution nanos, Rates rates) {
                seen.add("timer " + id.name() + id.tags() + " " + nanos.count() + " " + (long) nanos.max());
            }
        });
        assertTrue(seen.contains("gauge znode_count=5"), seen::toString);
        assertTrue(seen.contains("histogram readlatency 1"), seen::toString);
        assertTrue(seen.contains("counter bytes_received_count"), seen::toString);
        assertTrue(seen.contains("timer request_latency{op=getData} 1 1000000"), seen::toString);
        assertEquals(5, view.gauge("znode_count"));
        MetricId tagged = new MetricId("request_latency", Map.of("op", "getData"));
        assertEquals(tagged, RegistryMetricsView.idOf(RegistryMetricsView.registryName(tagged)));
        assertEquals("request_latency{op=getData}", ServerMetrics.tagged("request_latency", "op", "getData"));
    }
}

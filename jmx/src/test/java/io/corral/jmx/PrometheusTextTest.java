package io.corral.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void rendersEveryKindWithOneTypeLinePerFamily() {
        String text = PrometheusText.render(new FakeView().metrics());
        assertTrue(text.startsWith("# TYPE avg_latency gauge\navg_latency 1.5\n"
                + "# TYPE packets_received gauge\npackets_received 42\n"), text);
        assertTrue(text.contains("# TYPE bytes_received_count counter\nbytes_received_count 366\n"), text);
        assertTrue(text.contains("# TYPE fsynctime summary\nfsynctime{quantile=\"0.5\"} 1.0\n"), text);
        assertTrue(text.contains("fsynctime{quantile=\"0.999\"} 6.0\nfsynctime_count 4\nfsynctime_sum 8.0\n"), text);
        assertEquals(1, text.split("# TYPE request_latency_seconds summary", -1).length - 1, text);
        assertTrue(text.contains("request_latency_seconds{op=\"create\",quantile=\"0.5\"} 0.001\n"), text);
        assertTrue(text.contains("request_latency_seconds_count{op=\"create\"} 3\n"), text);
        assertTrue(text.contains("request_latency_seconds_sum{op=\"create\"} 0.003\n"), text);
        assertTrue(text.contains("request_latency_seconds_count{op=\"get\\\"Data\"} 3\n"), "label values are escaped: " + text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# TYPE ") || line.matches("[a-zA-Z_][a-zA-Z0-9_]*(\\{.*\\})? \\S+"), line);
        }
    }

    @Test
    void namesAreMadeValid() {
        assertEquals("a_b_c", PrometheusText.name("a.b-c"));
        assertEquals("_9lives", PrometheusText.name("9lives"));
        assertEquals("_", PrometheusText.name(""));
    }
}

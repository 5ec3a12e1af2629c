package io.corral.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.management.CommandResult.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin endpoint over a fake server view: routes, status codes, headers and parameters, bad requests. */
class AdminEndpointTest {
    private final FakeView view = new FakeView();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private AdminServer admin;

    @BeforeEach
    void start() {
        admin = new AdminServer(view, AdminSettings.from(Map.of("admin.serverAddress", "127.0.0.1", "admin.serverPort", "0")));
        assertTrue(admin.start());
    }

    @AfterEach
    void stop() {
        admin.stop();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsTheCommandsAsLinks() throws Exception {
        HttpResponse<String> r = get("/commands");
        assertEquals(200, r.statusCode());
        assertEquals("<a href=\"/commands/configuration\">configuration</a>\n<br/>\n<a href=\"/commands/dirs\">dirs</a>\n<br/>\n"
                + "<a href=\"/commands/ruok\">ruok</a>\n<br/>\n<a href=\"/commands/server_stats\">server_stats</a>\n<br/>\n"
                + "<a href=\"/commands/snapshot\">snapshot</a>\n<br/>\n", r.body());
        assertEquals(200, get("/commands/").statusCode());
    }

    @Test
    void runsACommandByAliasWithItsParameters() throws Exception {
        HttpResponse<String> r = get("/commands/srvr?verbose=yes&x=a%20b");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\n  \"version\" : \"3.9.3-fake\",\n  \"node_count\" : 5,\n  \"command\" : \"server_stats\",\n"
                + "  \"error\" : null\n}", r.body());
        assertEquals(Map.of("verbose", "yes", "x", "a b"), view.lastParams);
        assertEquals("127.0.0.1", view.lastCaller.remoteAddress().getAddress().getHostAddress());
    }

    @Test
    void statusCodesFollowZooKeeper() throws Exception {
        HttpResponse<String> unknown = get("/commands/nope");
        assertEquals(200, unknown.statusCode());
        assertEquals("{\n  \"command\" : \"nope\",\n  \"error\" : \"Unknown command: nope\"\n}", unknown.body());
        assertEquals(401, get("/commands/snapshot").statusCode());
        assertEquals(403, get("/commands/snapshot", "Authorization", "digest bob:pw").statusCode());
        assertEquals("digest bob:pw", view.lastCaller.authorization());
        assertEquals(503, get("/commands/snap", "Authorization", "digest admin:pw").statusCode());
        assertEquals(500, get("/commands/boom").statusCode());
        assertEquals(401, AdminHandler.status(Outcome.NOT_AUTHENTICATED));
        assertEquals(200, AdminHandler.status(Outcome.NOT_SERVING));
    }

    @Test
    void servesPrometheusText() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.body().contains("# TYPE znode_count gauge\nznode_count 5\n"), r.body());
    }

    @Test
    void badRequestsGetClearAnswersAndTheEndpointServesOn() throws Exception {
        HttpResponse<String> missing = get("/elsewhere");
        assertEquals(404, missing.statusCode());
        assertEquals("Not found: /elsewhere. The commands are at /commands, the metrics at /metrics\n", missing.body());
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertTrue(raw("GET /commands/" + "x".repeat(100_000) + " HTTP/1.1\r\nHost: h\r\n\r\n").matches("HTTP/1.1 (414|431) .*"));
        assertTrue(raw("GET /commands/ruok HTTP/1.1\r\nHost: h\r\nX: " + "y".repeat(50_000) + "\r\n\r\n").startsWith("HTTP/1.1 431 "));
        assertTrue(raw("\u0001\u0002 garbage\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(raw("GET /commands/ruok?a=%G1 HTTP/1.1\r\nHost: h\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertEquals(200, get("/commands/ruok").statusCode());
    }

    private String raw(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", admin.port()), 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.write(c);
            }
            return line.toString(StandardCharsets.ISO_8859_1).trim();
        }
    }

    @Test
    void aTakenPortIsReportedNotThrown() {
        AdminServer second = new AdminServer(view, AdminSettings.from(Map.of("admin.serverAddress", "127.0.0.1",
                "admin.serverPort", Integer.toString(admin.port()))));
        assertFalse(second.start());
        assertEquals(-1, second.port());
        second.stop();
    }
}

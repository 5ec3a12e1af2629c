package io.corral.jmx;

import io.corral.api.management.Caller;
import io.corral.api.management.CommandInfo;
import io.corral.api.management.CommandResult;
import io.corral.api.management.ServerView;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the admin endpoint's requests, as ZooKeeper 3.9's AdminServer answers them:
 * <ul>
 *   <li>{@code GET <commandURL>}: an HTML list of links, one per command, sorted by primary name;</li>
 *   <li>{@code GET <commandURL>/<name or alias>?k=v}: the command's JSON object (its keys, then {@code command}
 *       and {@code error}); an unknown command or a server not serving is still 200 with the error set, missing
 *       or refused credentials are 401/403, a disabled command 503;</li>
 *   <li>{@code GET /metrics}: the metrics as Prometheus text.</li>
 * </ul>
 * A command runs whatever the method (as in ZooKeeper, credentials are checked before anything else); the list and
 * the metrics take GET and HEAD only. Any other path is a 404. A command may wait up to a
 * second for the server's pipeline, so this handler blocks: Jetty runs it on a pool thread, never a selector.
 */
final class AdminHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
    static final String METRICS_PATH = "/metrics";
    private static final String JSON = "application/json";

    private final ServerView view;
    private final String commandUrl;

    AdminHandler(ServerView view, String commandUrl) {
        this.view = view;
        this.commandUrl = commandUrl;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        boolean get = HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method);
        if (path.equals(commandUrl) || path.equals(commandUrl + "/")) {
            if (!get) {
                return send(response, callback, 405, "text/plain", "Use GET for the list of commands\n");
            }
            return send(response, callback, 200, "text/html", commandList());
        }
        if (path.startsWith(commandUrl + "/")) {
            return command(request, response, callback, path.substring(commandUrl.length() + 1));
        }
        if (path.equals(METRICS_PATH)) {
            if (!get) {
                return send(response, callback, 405, "text/plain", "Use GET for the metrics\n");
            }
            return send(response, callback, 200, PrometheusText.CONTENT_TYPE, PrometheusText.render(view.metrics()));
        }
        return send(response, callback, 404, "text/plain",
                "Not found: " + path + ". The commands are at " + commandUrl + ", the metrics at " + METRICS_PATH + "\n");
    }

    private boolean command(Request request, Response response, Callback callback, String name) {
        Map<String, String> params = new LinkedHashMap<>();
        try {
            for (Fields.Field f : Request.extractQueryParameters(request, StandardCharsets.UTF_8)) {
                params.put(f.getName(), f.getValue());
            }
        } catch (RuntimeException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("command", name);
            body.put("error", "Malformed query string: " + e.getMessage() + ". Parameters are name=value pairs,"
                    + " percent-encoded in UTF-8");
            return send(response, callback, 400, JSON, Json.write(body));
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        Caller caller = new Caller(authorization, remote instanceof InetSocketAddress a ? a : null);
        CommandResult result = view.run(name, params, caller);
        if (result.outcome() != CommandResult.Outcome.OK) {
            LOG.debug("Admin command {} from {}: {} ({})", name, remote, result.outcome(), result.error());
        }
        return send(response, callback, status(result.outcome()), JSON, Json.write(result.toResponse()));
    }

    /** ZooKeeper's status codes: errors about the command itself stay 200, auth is 401/403. */
    static int status(CommandResult.Outcome outcome) {
        return switch (outcome) {
            case OK, UNKNOWN_COMMAND, NOT_SERVING -> 200;
            case AUTH_MISSING, NOT_AUTHENTICATED -> 401;
            case NOT_AUTHORIZED -> 403;
            case UNAVAILABLE -> 503;
            case FAILED -> 500;
        };
    }

    private String commandList() {
        StringBuilder b = new StringBuilder(2048);
        for (CommandInfo c : view.commands()) {
            b.append("<a href=\"").append(commandUrl).append('/').append(c.name()).append("\">").append(c.name())
                    .append("</a>\n<br/>\n");
        }
        return b.toString();
    }

    private static boolean send(Response response, Callback callback, int status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }
}

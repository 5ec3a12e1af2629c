package io.corral.jmx;

import java.util.Locale;
import java.util.Map;

/**
 * The admin endpoint's settings, under ZooKeeper's keys and defaults.
 *
 * @param enabled        {@code admin.enableServer} (true)
 * @param address        {@code admin.serverAddress} (0.0.0.0)
 * @param port           {@code admin.serverPort} (8080; 0 picks a free port)
 * @param commandUrl     {@code admin.commandURL} (/commands)
 * @param idleTimeoutMs  {@code admin.idleTimeout} (30000): an idle HTTP connection is closed after this long
 * @param maxHeaderBytes {@code admin.maxRequestHeaderBytes} (8192): a request line plus headers beyond this is refused
 */
record AdminSettings(boolean enabled, String address, int port, String commandUrl, long idleTimeoutMs, int maxHeaderBytes) {

    static AdminSettings from(Map<String, String> settings) {
        String url = settings.getOrDefault("admin.commandURL", "/commands").trim();
        if (!url.startsWith("/")) {
            url = "/" + url;
        }
        while (url.length() > 1 && url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.equals("/metrics")) {
            throw new IllegalArgumentException("admin.commandURL must not be /metrics: that path serves the Prometheus text");
        }
        int port = integer(settings, "admin.serverPort", 8080);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid value '" + port + "' for admin.serverPort: expected a TCP port from 0 to 65535");
        }
        long idle = integer(settings, "admin.idleTimeout", 30_000);
        if (idle <= 0) {
            throw new IllegalArgumentException("invalid value '" + idle + "' for admin.idleTimeout: expected a positive number of milliseconds");
        }
        int header = integer(settings, "admin.maxRequestHeaderBytes", 8192);
        if (header < 1024) {
            throw new IllegalArgumentException("invalid value '" + header + "' for admin.maxRequestHeaderBytes: expected at least 1024");
        }
        return new AdminSettings(bool(settings, "admin.enableServer", true),
                settings.getOrDefault("admin.serverAddress", "0.0.0.0").trim(), port, url, idle, header);
    }

    private static int integer(Map<String, String> settings, String key, int defaultValue) {
        String v = settings.get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value '" + v + "' for " + key + ": expected an integer");
        }
    }

    private static boolean bool(Map<String, String> settings, String key, boolean defaultValue) {
        String v = settings.get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("invalid value '" + v + "' for " + key + ": expected true or false");
        };
    }
}

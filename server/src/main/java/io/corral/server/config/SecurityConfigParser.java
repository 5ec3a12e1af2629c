package io.corral.server.config;

import io.corral.server.config.TlsConfig.ClientAuth;
import io.corral.server.config.TlsConfig.Store;
import io.corral.server.config.TlsConfig.StoreType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;

/**
 * The TLS and authentication keys of zoo.cfg into {@link TlsConfig} and {@link AuthConfig}. Keys are ZooKeeper's,
 * so a zoo.cfg (or a {@code -Dzookeeper.ssl.*} command line) written for ZooKeeper works unchanged.
 */
final class SecurityConfigParser {
    private final Map<String, String> values;
    private final String source;

    SecurityConfigParser(Map<String, String> values, String source) {
        this.values = values;
        this.source = source;
    }

    TlsConfig tls() throws ConfigException {
        int port = port("secureClientPort");
        if (port == 0) {
            return TlsConfig.disabled();
        }
        Store keyStore = store("ssl.keyStore");
        if (keyStore == null) {
            throw new ConfigException("Missing key 'ssl.keyStore.location' in " + source + ": secureClientPort=" + port
                    + " needs the server's key and certificate (a JKS, PKCS12 or PEM file)");
        }
        return new TlsConfig(
                port,
                emptyToNull(values.get("secureClientPortAddress")),
                keyStore,
                store("ssl.trustStore"),
                clientAuth(),
                values.getOrDefault("ssl.protocol", defaultProtocol()).trim(),
                list("ssl.enabledProtocols"),
                list("ssl.ciphersuites"),
                bool("client.certReload", false),
                values.getOrDefault("ssl.authProvider", "x509").trim());
    }

    AuthConfig auth() throws ConfigException {
        boolean enforce = bool("enforce.auth.enabled", bool("enforceAuthEnabled", false));
        String schemesText = values.getOrDefault("enforce.auth.schemes", values.get("enforceAuthSchemes"));
        List<String> schemes = new ArrayList<>();
        if (schemesText != null) {
            for (String s : schemesText.split(",")) {
                if (!s.isBlank()) {
                    schemes.add(s.trim());
                }
            }
        }
        if (enforce && schemes.isEmpty()) {
            throw new ConfigException("Missing key 'enforce.auth.schemes' in " + source
                    + ": enforce.auth.enabled=true needs the schemes a client must authenticate with, e.g. digest,x509");
        }
        Map<String, String> classes = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("authProvider.") && !v.isBlank()) {
                classes.put(k, v.trim());
            }
        });
        return new AuthConfig(enforce, schemes, classes, bool("DigestAuthenticationProvider.enabled", true),
                "yes".equals(values.get("skipACL")));
    }

    private Store store(String prefix) throws ConfigException {
        String location = emptyToNull(values.get(prefix + ".location"));
        if (location == null) {
            return null;
        }
        String password = values.getOrDefault(prefix + ".password", "");
        String passwordPath = emptyToNull(values.get(prefix + ".passwordPath"));
        if (passwordPath != null) {
            password = readSecret(prefix + ".passwordPath", passwordPath);
        }
        return new Store(location, password, storeType(prefix + ".type", location), prefix);
    }

    /** The file's content, less one trailing line break, as ZooKeeper reads it. */
    private String readSecret(String key, String path) throws ConfigException {
        try {
            String text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
            if (text.endsWith("\r\n")) {
                return text.substring(0, text.length() - 2);
            }
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + key + " '" + path + "' in " + source + ": " + e.getMessage());
        }
    }

    private StoreType storeType(String key, String location) throws ConfigException {
        String text = emptyToNull(values.get(key));
        if (text != null) {
            switch (text.trim().toUpperCase(Locale.ROOT)) {
                case "JKS" -> {
                    return StoreType.JKS;
                }
                case "PKCS12" -> {
                    return StoreType.PKCS12;
                }
                case "PEM" -> {
                    return StoreType.PEM;
                }
                case "BCFKS" -> throw new ConfigException("Unsupported value 'BCFKS' for " + key + " in " + source
                        + ": Corral reads JKS, PKCS12 and PEM stores; convert with keytool -importkeystore");
                default -> throw invalid(key, text, "JKS, PKCS12 or PEM");
            }
        }
        String name = location.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jks")) {
            return StoreType.JKS;
        }
        if (name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".pkcs12")) {
            return StoreType.PKCS12;
        }
        if (name.endsWith(".pem") || name.endsWith(".crt")) {
            return StoreType.PEM;
        }
        throw new ConfigException("Cannot tell the type of '" + location + "' from its name in " + source
                + ": set " + key + " to JKS, PKCS12 or PEM");
    }

    private ClientAuth clientAuth() throws ConfigException {
        String text = emptyToNull(values.get("ssl.clientAuth"));
        if (text == null) {
            return ClientAuth.NEED;
        }
        try {
            return ClientAuth.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("ssl.clientAuth", text, "need, want or none");
        }
    }

    private List<String> list(String key) {
        List<String> out = new ArrayList<>();
        String text = values.get(key);
        if (text != null) {
            for (String s : text.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private static String defaultProtocol() {
        try {
            for (String p : SSLContext.getDefault().getSupportedSSLParameters().getProtocols()) {
                if (p.equals("TLSv1.3")) {
                    return p;
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            // fall back below
        }
        return "TLSv1.2";
    }

    private int port(String key) throws ConfigException {
        String v = emptyToNull(values.get(key));
        if (v == null) {
            return 0;
        }
        try {
            int port = Integer.parseInt(v.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, v, "a TCP port from 1 to 65535 (0 or no value: no secure port)");
    }

    private boolean bool(String key, boolean defaultValue) throws ConfigException {
        String v = emptyToNull(values.get(key));
        if (v == null) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw invalid(key, v, "true or false");
        };
    }

    private ConfigException invalid(String key, String value, String expected) {
        return new ConfigException("Invalid value '" + value + "' for " + key + " in " + source + ": expected " + expected);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

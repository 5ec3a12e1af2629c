package io.corral.auth;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.ConnectionInfo;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code x509:<id of the client certificate>}, granted when the TLS handshake on the secure client port completes
 * (as ZooKeeper's X509AuthenticationProvider is), or by an auth packet of scheme {@code x509} on such a
 * connection. The id is the certificate's subject DN in RFC 2253 form ({@code CN=app,OU=Eng,O=Example}, as
 * {@link X500Principal#getName()} writes it, compared as a string like ZooKeeper does), or, with
 * {@code X509AuthenticationProvider.clientCertIdType=SAN}, the first subject alternative name of the type set by
 * {@code X509AuthenticationProvider.clientCertIdSanMatchType} (DNS by default).
 *
 * <p>The chain was already verified by the handshake against the server's trust store ({@code ssl.trustStore.*}),
 * so it is not verified again here. A certificate whose id equals {@code X509AuthenticationProvider.superUser}
 * also gains {@code super}.
 */
public final class X509AuthenticationProvider implements AuthenticationProvider {
    private static final Logger LOG = LoggerFactory.getLogger(X509AuthenticationProvider.class);
    static final String SUPER_USER_KEY = "X509AuthenticationProvider.superUser";
    static final String ID_TYPE_KEY = "X509AuthenticationProvider.clientCertIdType";
    static final String SAN_TYPE_KEY = "X509AuthenticationProvider.clientCertIdSanMatchType";

    /** GeneralName tags (RFC 5280) whose values the JDK hands out as strings. */
    private static final Map<String, Integer> SAN_TYPES = Map.of(
            "EMAIL", 1, "RFC822", 1, "DNS", 2, "URI", 6, "IP", 7, "REGISTERED_ID", 8);

    private volatile String superUser;
    private volatile int sanType = -1;

    @Override
    public String scheme() {
        return "x509";
    }

    @Override
    public void configure(Map<String, String> settings) {
        String su = setting(settings, SUPER_USER_KEY);
        superUser = su == null || su.isBlank() ? null : su.trim();
        String type = setting(settings, ID_TYPE_KEY);
        if (type == null || type.isBlank() || type.trim().equalsIgnoreCase("SUBJECT_DN") || type.trim().equalsIgnoreCase("DN")) {
            sanType = -1;
            return;
        }
        if (!type.trim().equalsIgnoreCase("SAN")) {
            throw new IllegalArgumentException("Invalid value '" + type + "' for " + ID_TYPE_KEY
                    + ": expected SUBJECT_DN (the default) or SAN");
        }
        String san = setting(settings, SAN_TYPE_KEY);
        sanType = parseSanType(san == null || san.isBlank() ? "DNS" : san.trim());
    }

    private static int parseSanType(String text) {
        Integer named = SAN_TYPES.get(text.toUpperCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            int tag = Integer.parseInt(text);
            if (SAN_TYPES.containsValue(tag)) {
                return tag;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("Invalid value '" + text + "' for " + SAN_TYPE_KEY
                + ": expected DNS, EMAIL, URI, IP or REGISTERED_ID (or their GeneralName tags 2, 1, 6, 7, 8)");
    }

    private static String setting(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value != null ? value : settings.get("zookeeper." + key);
    }

    @Override
    public List<AuthId> authenticate(byte[] authData, ConnectionInfo connection) throws AuthenticationException {
        return authenticateHandshake(connection);
    }

    @Override
    public List<AuthId> authenticateHandshake(ConnectionInfo connection) throws AuthenticationException {
        X509Certificate cert = connection.clientCertificate();
        if (cert == null) {
            throw new AuthenticationException("no client certificate: x509 needs a TLS connection on the secure client"
                    + " port with ssl.clientAuth need or want, and a client that presents a certificate");
        }
        String id = clientId(cert);
        List<AuthId> ids = new ArrayList<>(2);
        if (id.equals(superUser)) {
            LOG.info("Client certificate '{}' from {} is the x509 super user", id, connection.remoteAddress());
            ids.add(new AuthId("super", id));
        }
        ids.add(new AuthId("x509", id));
        return ids;
    }

    private String clientId(X509Certificate cert) throws AuthenticationException {
        if (sanType < 0) {
            return cert.getSubjectX500Principal().getName();
        }
        Collection<List<?>> names;
        try {
            names = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new AuthenticationException("cannot read the subject alternative names of the client certificate", e);
        }
        if (names != null) {
            for (List<?> name : names) {
                if (name.size() >= 2 && Integer.valueOf(sanType).equals(name.get(0)) && name.get(1) instanceof String s) {
                    return s;
                }
            }
        }
        throw new AuthenticationException("the client certificate '" + cert.getSubjectX500Principal().getName()
                + "' has no subject alternative name of type " + sanType + " (" + SAN_TYPE_KEY + ")");
    }

    /** As in ZooKeeper, the super user's id matches every x509 entry too. */
    @Override
    public boolean matches(String authenticatedId, String aclId) {
        String su = superUser;
        return authenticatedId.equals(aclId) || (su != null && authenticatedId.equals(su));
    }

    /** A distinguished name (ZooKeeper's rule); with SAN ids, any non-blank name. */
    @Override
    public boolean isValid(String aclId) {
        if (sanType >= 0) {
            return !aclId.isBlank();
        }
        try {
            new X500Principal(aclId);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package io.corral.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationException;
import io.corral.api.auth.ConnectionInfo;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

class X509AuthenticationProviderTest {
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 6000);

    private static X509AuthenticationProvider configured(Map<String, String> settings) {
        X509AuthenticationProvider p = new X509AuthenticationProvider();
        p.configure(settings);
        return p;
    }

    private static ConnectionInfo tls(X509Certificate cert) {
        return new ConnectionInfo(FROM, List.of(cert));
    }

    @Test
    void theIdIsTheSubjectDnInRfc2253Form() throws Exception {
        X509Certificate cert = TestCertificates.selfSigned("CN=app, OU=Eng, O=Example");
        assertEquals(List.of(new AuthId("x509", "CN=app,OU=Eng,O=Example")),
                configured(Map.of()).authenticateHandshake(tls(cert)));
    }

    @Test
    void anAuthPacketOnATlsConnectionAuthenticatesFromTheCertificateToo() throws Exception {
        X509Certificate cert = TestCertificates.selfSigned("CN=app");
        assertEquals(List.of(new AuthId("x509", "CN=app")), configured(Map.of()).authenticate(new byte[0], tls(cert)));
    }

    @Test
    void withoutACertificateAuthenticationFails() {
        assertThrows(AuthenticationException.class,
                () -> configured(Map.of()).authenticate(new byte[0], ConnectionInfo.of(FROM)));
    }

    @Test
    void theSuperUserGainsSuperAndMatchesEveryEntry() throws Exception {
        X509AuthenticationProvider p = configured(Map.of("X509AuthenticationProvider.superUser", "CN=admin,O=Example"));
        List<AuthId> ids = p.authenticateHandshake(tls(TestCertificates.selfSigned("CN=admin,O=Example")));
        assertEquals(List.of(new AuthId("super", "CN=admin,O=Example"), new AuthId("x509", "CN=admin,O=Example")), ids);
        assertTrue(p.matches("CN=admin,O=Example", "CN=someone else"));
        assertFalse(p.matches("CN=app", "CN=someone else"));
    }

    @Test
    void sanIdsWhenConfigured() throws Exception {
        X509Certificate cert = TestCertificates.selfSigned("CN=ignored",
                new GeneralName(GeneralName.rfc822Name, "app@example.com"),
                new GeneralName(GeneralName.dNSName, "app.example.com"));
        assertEquals("app.example.com", configured(Map.of("X509AuthenticationProvider.clientCertIdType", "SAN"))
                .authenticateHandshake(tls(cert)).get(0).id());
        X509AuthenticationProvider email = configured(Map.of("X509AuthenticationProvider.clientCertIdType", "SAN",
                "X509AuthenticationProvider.clientCertIdSanMatchType", "1"));
        assertEquals("app@example.com", email.authenticateHandshake(tls(cert)).get(0).id());
        assertTrue(email.isValid("app@example.com"), "SAN ids are not distinguished names");
        X509AuthenticationProvider uri = configured(Map.of("X509AuthenticationProvider.clientCertIdType", "SAN",
                "X509AuthenticationProvider.clientCertIdSanMatchType", "URI"));
        assertThrows(AuthenticationException.class, () -> uri.authenticateHandshake(tls(cert)));
    }

    @Test
    void badSettingsNameTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> configured(Map.of("X509AuthenticationProvider.clientCertIdType", "FINGERPRINT")));
        assertTrue(e.getMessage().contains("X509AuthenticationProvider.clientCertIdType"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> configured(Map.of(
                "X509AuthenticationProvider.clientCertIdType", "SAN", "X509AuthenticationProvider.clientCertIdSanMatchType", "3")));
        assertTrue(e.getMessage().contains("clientCertIdSanMatchType"), e.getMessage());
    }
}

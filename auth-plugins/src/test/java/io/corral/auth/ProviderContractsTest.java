package io.corral.auth;

import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.AuthenticationProviderContract;
import io.corral.api.auth.ConnectionInfo;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The SPI contract run against every built-in scheme. */
class ProviderContractsTest {

    @Nested
    class World extends AuthenticationProviderContract {
        @Override
        protected AuthenticationProvider provider() {
            return new WorldAuthenticationProvider();
        }

        @Override
        protected List<Credentials> goodCredentials() {
            return List.of();
        }

        @Override
        protected List<Credentials> badCredentials() {
            return List.of(Credentials.of("anyone"), Credentials.of(""));
        }

        @Override
        protected List<String> validAclIds() {
            return List.of("anyone");
        }

        @Override
        protected List<String> invalidAclIds() {
            return List.of("", "nobody", "Anyone", "anyone ");
        }
    }

    @Nested
    class Digest extends AuthenticationProviderContract {
        @Override
        protected AuthenticationProvider provider() {
            DigestAuthenticationProvider p = new DigestAuthenticationProvider();
            p.configure(Map.of());
            return p;
        }

        @Override
        protected List<Credentials> goodCredentials() {
            return List.of(Credentials.of("bob:secret"), Credentials.of("b\u00f6b:p\u00e4ss:with:colons"));
        }

        @Override
        protected List<Credentials> badCredentials() {
            return List.of();
        }

        @Override
        protected List<String> validAclIds() {
            return List.of("bob:xyz", ":xyz", "bob:xyz:");
        }

        @Override
        protected List<String> invalidAclIds() {
            return List.of("", "bob", "bob:", "a:b:c", "::b", ":");
        }
    }

    @Nested
    class Ip extends AuthenticationProviderContract {
        @Override
        protected AuthenticationProvider provider() {
            return new IpAuthenticationProvider();
        }

        @Override
        protected List<Credentials> goodCredentials() {
            return List.of(Credentials.of(""),
                    new Credentials(new byte[0], ConnectionInfo.of(new InetSocketAddress("::1", 4000))));
        }

        @Override
        protected List<Credentials> badCredentials() {
            return List.of(new Credentials(new byte[0], new ConnectionInfo(null, null)));
        }

        @Override
        protected List<String> validAclIds() {
            return List.of("10.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "1.2.3.4/32", "::1", "fe80::/10", "2001:db8::1/128");
        }

        @Override
        protected List<String> invalidAclIds() {
            return List.of("", "10.0.0", "10.0.0.256", "10.0.0.0/33", "10.0.0.0/", "host.example", "::1/129", "1::2::3");
        }
    }

    @Nested
    class Super extends AuthenticationProviderContract {
        @Override
        protected AuthenticationProvider provider() {
            return new SuperAuthenticationProvider();
        }

        @Override
        protected List<Credentials> goodCredentials() {
            return List.of();
        }

        @Override
        protected List<Credentials> badCredentials() {
            return List.of(Credentials.of("super:superpw"), Credentials.of(""));
        }

        @Override
        protected List<String> validAclIds() {
            return List.of();
        }

        @Override
        protected List<String> invalidAclIds() {
            return List.of("", "super", "anything");
        }
    }

    @Nested
    class X509 extends AuthenticationProviderContract {
        @Override
        protected AuthenticationProvider provider() {
            X509AuthenticationProvider p = new X509AuthenticationProvider();
            p.configure(Map.of());
            return p;
        }

        @Override
        protected List<Credentials> goodCredentials() {
            try {
                return List.of(new Credentials(new byte[0], new ConnectionInfo(new InetSocketAddress("127.0.0.1", 1),
                        List.of(TestCertificates.selfSigned("CN=app,O=Example")))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected List<Credentials> badCredentials() {
            return List.of(Credentials.of("CN=app,O=Example"));
        }

        @Override
        protected List<String> validAclIds() {
            return List.of("CN=app,O=Example", "CN=a b, O=c");
        }

        @Override
        protected List<String> invalidAclIds() {
            return List.of("not a dn", "=", "CN");
        }
    }
}

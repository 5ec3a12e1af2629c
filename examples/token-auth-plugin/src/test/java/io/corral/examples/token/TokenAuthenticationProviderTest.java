package io.corral.examples.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corral.api.auth.AuthId;
import io.corral.api.auth.AuthenticationProvider;
import io.corral.api.auth.AuthenticationProviderContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SPI contract (from the api's test-jar) plus the scheme's own rules. */
class TokenAuthenticationProviderTest extends AuthenticationProviderContract {
    /** SHA-256("s3cret"), as printf '%s' s3cret | sha256sum prints it. */
    static final String ALICE = "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0";

    @Override
    protected AuthenticationProvider provider() {
        TokenAuthenticationProvider p = new TokenAuthenticationProvider();
        p.configure(Map.of("tokenAuth.user.alice", ALICE, "tickTime", "2000"));
        return p;
    }

    @Override
    protected List<Credentials> goodCredentials() {
        return List.of(Credentials.of("s3cret"));
    }

    @Override
    protected List<Credentials> badCredentials() {
        return List.of(Credentials.of("wrong"), Credentials.of(""), Credentials.of(ALICE));
    }

    @Override
    protected List<String> validAclIds() {
        return List.of("alice", "*", "svc.backup-1");
    }

    @Override
    protected List<String> invalidAclIds() {
        return List.of("", "two words", "a:b");
    }

    @Test
    void theTokenGivesItsUser() throws Exception {
        assertEquals(List.of(new AuthId("token", "alice")),
                provider().authenticate("s3cret".getBytes(), Credentials.of("").connection()));
    }

    @Test
    void starMatchesEveryTokenUser() {
        assertTrue(provider().matches("alice", "*"));
        assertTrue(provider().matches("alice", "alice"));
        assertFalse(provider().matches("alice", "bob"));
    }

    @Test
    void aBadSettingNamesItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenAuthenticationProvider().configure(Map.of("tokenAuth.user.bob", "not-a-hash")));
        assertTrue(e.getMessage().contains("tokenAuth.user.bob"), e.getMessage());
    }
}

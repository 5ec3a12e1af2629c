/**
 * The authentication SPI. An {@link io.corral.api.auth.AuthenticationProvider} is one ACL scheme: it turns an
 * auth packet (or a TLS client certificate) into {@link io.corral.api.auth.AuthId}s for the connection, decides
 * whether such an id satisfies an ACL entry of its scheme, and validates the ids written in ACLs.
 *
 * <p>A plugin is a jar in {@code lib/} that lists its class in
 * {@code META-INF/services/io.corral.api.auth.AuthenticationProvider}, or a class named by
 * {@code authProvider.N=<class>} in zoo.cfg. docs/auth-plugins.md walks through writing one; the contract tests
 * in this module's test-jar ({@code AuthenticationProviderContract}) check a provider against the rules.
 */
package io.corral.api.auth;

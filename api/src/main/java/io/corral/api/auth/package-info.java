/**
 * The authentication SPI: an ACL scheme authenticates connections from auth packets and decides whether an
 * authenticated id satisfies an ACL entry. Plugins are jars in lib/ registered for ServiceLoader.
 */
package io.corral.api.auth;

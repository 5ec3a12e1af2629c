/**
 * ACL scheme plugins (world, digest, ip, super, x509), found by the server through ServiceLoader. Filled by the ACL issue; the server's foundation carries just enough of world and digest for Curator.
 */
package io.corral.auth;

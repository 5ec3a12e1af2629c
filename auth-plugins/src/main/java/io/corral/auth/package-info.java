/**
 * ACL scheme plugins found by the server through ServiceLoader: world, digest (with the super digest) and ip today; x509 and the configurable hashes come with the ACL issue.
 */
package io.corral.auth;

/**
 * The ACL schemes loaded through the api SPI, and the permission and ACL-validation checks built on them.
 */
package io.corral.server.auth;

/**
 * zoo.cfg and system properties into one immutable {@link io.corral.server.config.ServerConfig}; the only place
 * that reads configuration. Every bad value stops start-up with a message naming the key, the value and what
 * is expected.
 */
package io.corral.server.config;

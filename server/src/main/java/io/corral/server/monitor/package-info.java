/**
 * Monitoring: server-wide counters and the commands (ruok, srvr, stat, ...) rendered for four-letter words.
 */
package io.corral.server.monitor;
